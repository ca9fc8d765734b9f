import type { TFunction } from "i18next";
import type { ACCOUNT_AUDIT_ACTIONS } from "../../../../contracts/invitations.ts";

/**
 * ACCOUNT_AUDIT_ACTIONS from contracts/invitations.ts, copied because that file imports
 * zod at runtime. Written as area → verbs (the compiler checks below that the copy
 * matches the contract), each with the i18n key of its label.
 */
const LABELS = {
  account: {
    created: "audit.actions.accountCreated",
    company_updated: "audit.actions.accountCompanyUpdated",
  },
  invitation: {
    sent: "audit.actions.invitationSent",
    resent: "audit.actions.invitationResent",
    revoked: "audit.actions.invitationRevoked",
    accepted: "audit.actions.invitationAccepted",
  },
  member: {
    role_changed: "audit.actions.memberRoleChanged",
    blocked: "audit.actions.memberBlocked",
    unblocked: "audit.actions.memberUnblocked",
    removed: "audit.actions.memberRemoved",
    left: "audit.actions.memberLeft",
  },
  // Licensing (issue 4): the labels live with the licensing words.
  subscription: {
    registered: "licensing.auditActions.subscriptionRegistered",
    updated: "licensing.auditActions.subscriptionUpdated",
  },
  license_key: {
    created: "licensing.auditActions.keyCreated",
    updated: "licensing.auditActions.keyUpdated",
    deleted: "licensing.auditActions.keyDeleted",
    administrators_changed: "licensing.auditActions.keyAdministratorsChanged",
  },
  operator: {
    subscription_issued: "licensing.auditActions.operatorIssued",
    subscription_renew: "licensing.auditActions.operatorRenew",
    subscription_extend: "licensing.auditActions.operatorExtend",
    subscription_set_licenses: "licensing.auditActions.operatorSetLicenses",
    subscription_suspend: "licensing.auditActions.operatorSuspend",
    subscription_reinstate: "licensing.auditActions.operatorReinstate",
    subscription_cancel: "licensing.auditActions.operatorCancel",
  },
  // Farms (issue 5).
  farm: {
    activated: "farms.auditActions.activated",
    updated: "farms.auditActions.updated",
    deactivated: "farms.auditActions.deactivated",
  },
  // Store (issue 6).
  store: {
    order_placed: "store.auditActions.orderPlaced",
    order_paid: "store.auditActions.orderPaid",
    order_canceled: "store.auditActions.orderCanceled",
    payment_declined: "store.auditActions.paymentDeclined",
    payment_method_saved: "store.auditActions.paymentMethodSaved",
    payment_method_removed: "store.auditActions.paymentMethodRemoved",
    transfer_confirmed: "store.auditActions.transferConfirmed",
    refund_needed: "store.auditActions.refundNeeded",
    renewal_payment_failed: "store.auditActions.renewalPaymentFailed",
    renewal_ended: "store.auditActions.renewalEnded",
  },
  // Support (issue 7).
  support: {
    ticket_opened: "audit.actions.supportTicketOpened",
    ticket_status_changed: "audit.actions.supportTicketStatusChanged",
    incident_used: "audit.actions.supportIncidentUsed",
    incident_credited: "audit.actions.supportIncidentCredited",
    watcher_added: "audit.actions.supportWatcherAdded",
    watcher_removed: "audit.actions.supportWatcherRemoved",
    inbound_refused: "audit.actions.supportInboundRefused",
  },
} as const;

type Labels = typeof LABELS;
type Area = keyof Labels;
export type AuditAction = { [A in Area]: `${A}.${Extract<keyof Labels[A], string>}` }[Area];

type ContractAction = (typeof ACCOUNT_AUDIT_ACTIONS)[number];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when contracts/invitations.ts gains or loses an action. */
export const ACTIONS_MATCH_CONTRACT: Same<AuditAction, ContractAction> = true;

export const AUDIT_ACTIONS = (Object.keys(LABELS) as Area[]).flatMap((area) =>
  Object.keys(LABELS[area]).map((verb) => `${area}.${verb}` as AuditAction),
);

function labelKey(action: string): string | undefined {
  const [area, verb] = action.split(".", 2);
  const group: Record<string, string> | undefined = area && area in LABELS ? LABELS[area as Area] : undefined;
  return verb ? group?.[verb] : undefined;
}

/** The translated label of an action; an action this app does not know yet shows as it is. */
export function actionLabel(t: TFunction, action: string): string {
  const key = labelKey(action);
  return key ? t(key) : action;
}
