export { claimsOf, type IdentityClaims, identityFromClaims } from './auth/claims.ts';
export { type AuthConfig, DEFAULT_AUDIENCE, DEV_ISSUER, JWT_KEY_VARIABLES, type JwtAlgorithm, loadAuthConfig } from './auth/config.ts';
export { type SigningOptions, signToken } from './auth/sign-token.ts';
export { TIERS, type Tier, tierOf } from './auth/tier.ts';
export { type GatewayConfig, loadGatewayConfig } from './config.ts';
export { OPERATION_LIMITS, type OperationLimits, RATE_LIMITS_PER_MINUTE } from './limits.ts';
export { GATEWAY_NODE_OPTIONS, gatewayNodeOptions } from './node-options.ts';
export { type RunningGateway, startGateway } from './server.ts';
export { CurrentSupergraph, type ServedSupergraph, type SubgraphEndpoint } from './supergraph/index.ts';
