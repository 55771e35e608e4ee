import { ConfigError, readAll } from '@tdg/kit/config';
import { startTracing } from '@tdg/kit/observability/tracing';
import { loadShutdownConfig, type ShutdownConfig, stopGracefullyOnSignals } from '@tdg/kit/shutdown';
import { type GatewayConfig, loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

let config: GatewayConfig;
let shutdown: ShutdownConfig;
try {
  [config, shutdown] = readAll(() => loadGatewayConfig(), () => loadShutdownConfig());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[gateway] ${error.message}`);
  process.exit(78);
}
const tracing = await startTracing(config.observability.tracing, 'gateway');
const gateway = await startGateway(config);
console.log(`[gateway] ready at ${gateway.url}`);
// SIGTERM: readiness 503, drain, close, exit (@tdg/kit/shutdown).
stopGracefullyOnSignals('gateway', gateway, shutdown, async () => {
  await tracing?.shutdown();
});
