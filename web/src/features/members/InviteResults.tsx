import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import { type InvitationOutcome, membersApi } from "./api.ts";
import { accountErrorMessage } from "./errors.ts";
import { formatDate } from "./format.tsx";

/** A row of SendInvitationsResult, with a React key (an address can appear twice: the second is "duplicate"). */
export type SendResult = { key: string; email: string; outcome: InvitationOutcome; invitationId: string | null; message: string };

const OUTCOMES: Record<InvitationOutcome, string> = {
  invited: "invite.outcome.invited",
  already_member: "invite.outcome.already_member",
  already_invited: "invite.outcome.already_invited",
  invalid: "invite.outcome.invalid",
  duplicate: "invite.outcome.duplicate",
};

const TONES: Record<InvitationOutcome, string> = {
  invited: "badge badge-success",
  already_member: "badge badge-muted",
  already_invited: "badge badge-accent",
  invalid: "badge badge-danger",
  duplicate: "badge badge-warning",
};

type RowState = { busy: boolean; resentUntil?: string; error?: unknown };

/** What happened to each address after Send Invitations; an open invitation can be sent again. */
export function InviteResults({
  accountId,
  results,
  onResent,
}: {
  accountId: string;
  results: SendResult[];
  onResent: () => void;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Record<string, RowState>>({});

  async function resend(invitationId: string) {
    setRows((r) => ({ ...r, [invitationId]: { busy: true } }));
    try {
      const view = await membersApi.resendInvitation(accountId, invitationId);
      setRows((r) => ({ ...r, [invitationId]: { busy: false, resentUntil: view.expiresAt } }));
      onResent();
    } catch (error) {
      setRows((r) => ({ ...r, [invitationId]: { busy: false, error } }));
    }
  }

  return (
    <ul className="result-list" aria-label={t("invite.results.label")}>
      {results.map((result) => {
        const state = result.invitationId ? rows[result.invitationId] : undefined;
        return (
          <li key={result.key} className="result-row">
            <span className="pending-email break-all">{result.email}</span>
            <span className={TONES[result.outcome]}>{t(OUTCOMES[result.outcome])}</span>
            {result.outcome === "already_invited" && result.invitationId && (
              <Button
                variant="secondary"
                busy={state?.busy}
                onClick={() => result.invitationId && void resend(result.invitationId)}
                aria-label={t("invite.results.resendNamed", { email: result.email })}
              >
                {t("invite.resend")}
              </Button>
            )}
            {state?.resentUntil && (
              <span className="small" role="status">
                {t("invite.results.resent", { date: formatDate(state.resentUntil) })}
              </span>
            )}
            {state?.error ? (
              <p className="field-error result-error" role="alert">
                {accountErrorMessage(t, state.error)}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
