/**
 * Maintenance Windows: windows with a schedule, their targets and tasks, and the history of their
 * executions. Everything a route handler or the SSM API calls is here.
 */
export {
  createMaintenanceWindow,
  updateMaintenanceWindow,
  getMaintenanceWindow,
  listMaintenanceWindows,
  deleteMaintenanceWindow,
  type WindowView,
} from './windows';
export { registerTargetWithMaintenanceWindow, deregisterTargetFromMaintenanceWindow, describeMaintenanceWindowTargets, type WindowTargetView, type TargetFilters } from './targets';
export {
  registerTaskWithMaintenanceWindow,
  deregisterTaskFromMaintenanceWindow,
  describeMaintenanceWindowTasks,
  getMaintenanceWindowTask,
  type WindowTaskView,
  type TaskFilters,
} from './tasks';
export {
  describeWindowExecutions,
  getWindowExecution,
  describeExecutionTasks,
  describeTaskInvocations,
  describeWindowSchedule,
  type WindowExecutionView,
  type TaskExecutionView,
  type InvocationView,
} from './history';
export { registerMaintenanceWindowSchedules } from './scheduling';
export type { CreateWindowInput, UpdateWindowInput, ListWindowsInput, RegisterTargetInput, RegisterTaskInput } from './schemas';
