import type { AutomationAction } from '../catalog';
import { executeAutomationAction } from './execute-automation';
import { assertPropertyAction, executeAwsApiAction, waitForPropertyAction } from './aws-api';
import { runCommandAction } from './run-command';
import { branchAction, executeScriptAction } from './script-and-branch';
import type { ActionHandler } from './types';
import { approveAction, pauseAction, sleepAction } from './waits';

/** Every action but aws:loop, which the engine runs itself since it moves the cursor. */
export const ACTION_HANDLERS: Record<Exclude<AutomationAction, 'aws:loop'>, ActionHandler> = {
  'aws:runCommand': runCommandAction,
  'aws:executeAwsApi': executeAwsApiAction,
  'aws:waitForAwsResourceProperty': waitForPropertyAction,
  'aws:assertAwsResourceProperty': assertPropertyAction,
  'aws:executeScript': executeScriptAction,
  'aws:sleep': sleepAction,
  'aws:pause': pauseAction,
  'aws:approve': approveAction,
  'aws:branch': branchAction,
  'aws:executeAutomation': executeAutomationAction,
};
