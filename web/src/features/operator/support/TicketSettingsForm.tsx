import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../../lib/form.ts";
import { useMe } from "../../../lib/session.ts";
import { FormAlert } from "../../../ui/Alert.tsx";
import { Button } from "../../../ui/Button.tsx";
import { SelectField } from "../../../ui/SelectField.tsx";
import { type Agent, type OperatorTicketView, supportOperatorApi, type TicketSeverity, type TicketStatus } from "./api.ts";
import { supportErrorMessage } from "./errors.ts";
import { agentOptions, SEVERITIES, SEVERITY_KEYS, TICKET_STATUS_KEYS, TICKET_STATUSES } from "./labels.ts";
import { ticketChanges } from "./ticket-changes.ts";

type Props = { ticket: OperatorTicketView; agents: Agent[]; onSaved: (view: OperatorTicketView, message: string) => void };

/**
 * Status, assignee and severity, saved together with one button (a select that saved
 * on every change would fire while a keyboard user moves through its options). Only
 * what changed is sent. "Assign to me" is the common case, so it is one click.
 */
export function TicketSettingsForm({ ticket, agents, onSaved }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const form = useForm<"status" | "assigneeUserId" | "severity">();
  const [status, setStatus] = useState<TicketStatus>(ticket.status);
  const [assignee, setAssignee] = useState(ticket.assignee?.id ?? "");
  const [severity, setSeverity] = useState<TicketSeverity>(ticket.severity);

  // A reply or another change may have moved the ticket on: show it as it is now.
  useEffect(() => {
    setStatus(ticket.status);
    setAssignee(ticket.assignee?.id ?? "");
    setSeverity(ticket.severity);
  }, [ticket.status, ticket.assignee?.id, ticket.severity]);

  const save = (values: { status: TicketStatus; assignee: string; severity: TicketSeverity }) =>
    form.submit({
      onError: (error) => {
        form.setAlert((tt) => supportErrorMessage(tt, error));
        return true;
      },
      action: async () => {
        const changes = ticketChanges(ticket, values);
        if (!changes) return;
        const view = await supportOperatorApi.update(ticket.id, changes);
        onSaved(view, t("operatorSupport.settings.saved", { reference: view.reference }));
        // "Assign to me" goes away once it is done: keep focus in the form, on the assignee it set.
        if (values.assignee === me.id && ticket.assignee?.id !== me.id) {
          requestAnimationFrame(() => form.formRef.current?.querySelectorAll("select")[1]?.focus());
        }
      },
    });

  const assignees = agentOptions(agents);
  // The current assignee stays choosable even if they are no longer an operator.
  if (ticket.assignee && !agents.some((agent) => agent.id === ticket.assignee?.id)) {
    assignees.push({ value: ticket.assignee.id, label: ticket.assignee.name });
  }

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save({ status, assignee, severity });
      }}
    >
      <FormAlert message={form.alert} />
      <SelectField
        label={t("operatorSupport.settings.status")}
        value={status}
        options={TICKET_STATUSES.map((value) => ({ value, label: t(TICKET_STATUS_KEYS[value]) }))}
        onChange={(value) => setStatus(TICKET_STATUSES.find((s) => s === value) ?? ticket.status)}
        error={form.errors.status}
      />
      <SelectField
        label={t("operatorSupport.settings.assignee")}
        value={assignee}
        options={[{ value: "", label: t("operatorSupport.unassigned") }, ...assignees]}
        onChange={setAssignee}
        error={form.errors.assigneeUserId}
      />
      <SelectField
        label={t("operatorSupport.settings.severity")}
        value={severity}
        options={SEVERITIES.map((value) => ({ value, label: t(SEVERITY_KEYS[value]) }))}
        onChange={(value) => setSeverity(SEVERITIES.find((s) => s === value) ?? ticket.severity)}
        error={form.errors.severity}
      />
      <div className="actions">
        <Button type="submit" variant="secondary" busy={form.busy}>
          {t("operatorSupport.settings.save")}
        </Button>
        {ticket.assignee?.id !== me.id && (
          <Button
            variant="link"
            disabled={form.busy}
            onClick={() => void save({ status: ticket.status, assignee: me.id, severity: ticket.severity })}
          >
            {t("operatorSupport.settings.assignToMe")}
          </Button>
        )}
      </div>
    </form>
  );
}
