export { SessionHost, type SessionSender } from './host';
