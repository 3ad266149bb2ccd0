import {
  deleteParameter,
  deleteParameters,
  describeParameters,
  getParameter,
  getParameterHistory,
  getParameters,
  getParametersByPath,
  labelParameterVersion,
  putParameter,
  unlabelParameterVersion,
} from '@/server/parameters/service';
import {
  deleteParameterInput,
  deleteParametersInput,
  describeParametersInput,
  getParameterHistoryInput,
  getParameterInput,
  getParametersByPathInput,
  getParametersInput,
  labelParameterVersionInput,
  putParameterInput,
  unlabelParameterVersionInput,
} from '@/server/parameters/schemas';
import { defineOperation } from '../operation';

// The service functions take AWS's own request shapes, so each operation is a pass-through.
export const PutParameter = defineOperation({ name: 'PutParameter', input: putParameterInput, run: (input, caller) => putParameter(caller, input) });
export const GetParameter = defineOperation({ name: 'GetParameter', input: getParameterInput, run: (input, caller) => getParameter(caller, input) });
export const GetParameters = defineOperation({ name: 'GetParameters', input: getParametersInput, run: (input, caller) => getParameters(caller, input) });
export const GetParametersByPath = defineOperation({ name: 'GetParametersByPath', input: getParametersByPathInput, run: (input, caller) => getParametersByPath(caller, input) });
export const GetParameterHistory = defineOperation({ name: 'GetParameterHistory', input: getParameterHistoryInput, run: (input, caller) => getParameterHistory(caller, input) });
export const DescribeParameters = defineOperation({ name: 'DescribeParameters', input: describeParametersInput, run: (input, caller) => describeParameters(caller, input) });
export const DeleteParameter = defineOperation({ name: 'DeleteParameter', input: deleteParameterInput, run: (input, caller) => deleteParameter(caller, input) });
export const DeleteParameters = defineOperation({ name: 'DeleteParameters', input: deleteParametersInput, run: (input, caller) => deleteParameters(caller, input) });
export const LabelParameterVersion = defineOperation({ name: 'LabelParameterVersion', input: labelParameterVersionInput, run: (input, caller) => labelParameterVersion(caller, input) });
export const UnlabelParameterVersion = defineOperation({ name: 'UnlabelParameterVersion', input: unlabelParameterVersionInput, run: (input, caller) => unlabelParameterVersion(caller, input) });
