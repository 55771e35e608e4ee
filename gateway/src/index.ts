export { type GatewayConfig, loadGatewayConfig } from './config.ts';
export { type RunningGateway, startGateway } from './server.ts';
