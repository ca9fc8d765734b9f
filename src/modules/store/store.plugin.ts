import type { FastifyInstance } from "fastify";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import type { LicenseKeyCrypto } from "../licensing/license-key-crypto.ts";
import { createCheckoutService } from "./checkout.service.ts";
import { createGatewayEventHandler } from "./gateway-events.ts";
import type { OrderViewDeps } from "./order-view.ts";
import { createOrdersService } from "./orders.service.ts";
import type { PaymentGateway } from "./payments/gateway.ts";
import { createTestGateway } from "./payments/test-gateway.ts";
import type { SettlementDeps } from "./settlement.ts";
import { storeRoutes } from "./store.routes.ts";
import { storeOperatorRoutes } from "./store-operator.routes.ts";
import { createStoreOperatorService } from "./store-operator.service.ts";
import { gatewayEventRoutes, testGatewayRoutes } from "./test-gateway.routes.ts";

export type StoreDeps = {
  config: Config;
  database: Database;
  clock: Clock;
  access: AccountAccess;
  identity: Pick<IdentityService, "requireSession" | "requireOperator">;
  crypto: LicenseKeyCrypto;
};

/** What other parts of the store (the renewal job) share with checkout. */
export type Store = {
  /** Every registered gateway by name (saved methods and payments name theirs). */
  gateways: ReadonlyMap<string, PaymentGateway>;
  /** The gateway new card payments go to; null when none is configured. */
  cardGateway: PaymentGateway | null;
  /** What settleOrder() needs (settlement.ts). */
  settlement: SettlementDeps;
};

/**
 * The store's one registration in app.ts: gateways, services and routes. The built-in test
 * gateway is registered only while `config.store.testGateway` is on; a real provider is one
 * more PaymentGateway in `gateways` (and becomes `cardGateway`), with no change elsewhere.
 */
export async function registerStore(app: FastifyInstance, deps: StoreDeps): Promise<Store> {
  const { config, database, clock } = deps;
  const testGateway = config.store.testGateway ? createTestGateway({ secret: config.authSecret, clock }) : null;
  const gateways = new Map<string, PaymentGateway>(testGateway ? [[testGateway.name, testGateway]] : []);
  const cardGateway: PaymentGateway | null = testGateway;
  const settlement: SettlementDeps = {
    engine: database.engine,
    crypto: deps.crypto,
    publicUrl: config.publicUrl,
    vendor: config.store.vendor,
  };
  const views: OrderViewDeps = { gateways, bankTransferDetails: config.store.bankTransferDetails };
  const handleEvent = createGatewayEventHandler({ database, clock, gateways, settlement });

  await storeRoutes(app, {
    access: deps.access,
    identity: deps.identity,
    checkout: createCheckoutService({
      database,
      clock,
      publicUrl: config.publicUrl,
      cardGateway,
      settlement,
      views,
      logger: app.log,
    }),
    orders: createOrdersService({ database, clock, views, cardGateway }),
  });
  await storeOperatorRoutes(app, {
    operator: createStoreOperatorService({ database, clock, identity: deps.identity, views, settlement }),
  });
  await gatewayEventRoutes(app, { handleEvent });
  if (testGateway) await testGatewayRoutes(app, { database, gateway: testGateway, handleEvent, rateLimit: config.authRateLimit });
  return { gateways, cardGateway, settlement };
}
