// oidc-provider ships no types (and @types/oidc-provider is not installed): only what e2e/oidc-provider.ts uses.
declare module "oidc-provider" {
  interface ProviderAccount {
    accountId: string;
    claims: () => Promise<{ sub: string } & Record<string, unknown>>;
  }
  interface ProviderConfiguration {
    clients: Record<string, unknown>[];
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    features?: Record<string, { enabled: boolean }>;
    cookies?: { keys: string[] };
    findAccount: (ctx: unknown, id: string) => Promise<ProviderAccount | undefined>;
  }
  export default class Provider {
    constructor(issuer: string, configuration: ProviderConfiguration);
    listen(port: number, callback?: () => void): unknown;
  }
}
