export { CommandExecutor, OUTBOX_RETRY_MS, type CommandExecutorOptions, type CommandSender } from './executor';
export { OUTPUT_WINDOW } from './streamer';
