import { ConfigError } from '@tdg/kit/config';
import { startTracing } from '@tdg/kit/observability/tracing';
import { type GatewayConfig, loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

let config: GatewayConfig;
try {
  config = loadGatewayConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[gateway] ${error.message}`);
  process.exit(78);
}
const tracing = await startTracing(config.observability.tracing, 'gateway');
const gateway = await startGateway(config);
console.log(`[gateway] ready at ${gateway.url}`);
const stop = async () => {
  await gateway.close();
  await tracing?.shutdown();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
