import { useTranslation } from "react-i18next";
import { SelectField } from "../../../ui/SelectField.tsx";
import {
  agentOptions,
  CATEGORIES,
  CATEGORY_KEYS,
  SEVERITIES,
  SEVERITY_KEYS,
  TICKET_STATUS_KEYS,
  TICKET_STATUSES,
} from "./labels.ts";
import { parseQueueFilters, type QueueFilters } from "./queue-filters.ts";
import { useAgents, useProducts } from "./useConsoleLists.ts";

/** Status (with Open), assignee, severity, category and product; each change applies at once. */
export function QueueFilterFields({
  filters,
  onChange,
}: {
  filters: QueueFilters;
  onChange: (change: Partial<QueueFilters>) => void;
}) {
  const { t } = useTranslation();
  const agents = useAgents();
  const products = useProducts();
  // Only values the URL parser accepts, so an unknown one cannot stick in the select.
  const parse = (key: keyof QueueFilters, value: string) => parseQueueFilters(new URLSearchParams({ [key]: value }))[key];
  return (
    <>
      <SelectField
        label={t("operatorSupport.queue.status")}
        value={filters.status}
        options={[
          { value: "open", label: t("operatorSupport.queue.open") },
          { value: "all", label: t("operatorSupport.queue.allStatuses") },
          ...TICKET_STATUSES.map((value) => ({ value, label: t(TICKET_STATUS_KEYS[value]) })),
        ]}
        onChange={(value) => onChange({ status: parse("status", value) as QueueFilters["status"] })}
      />
      <SelectField
        label={t("operatorSupport.queue.assignee")}
        value={filters.assignee}
        options={[
          { value: "", label: t("operatorSupport.queue.anyone") },
          { value: "me", label: t("operatorSupport.queue.me") },
          { value: "unassigned", label: t("operatorSupport.unassigned") },
          ...agentOptions(agents),
          // A named agent from a shared link, before (or without) the agents list.
          ...(filters.assignee &&
          !["me", "unassigned"].includes(filters.assignee) &&
          !agents.some((a) => a.id === filters.assignee)
            ? [{ value: filters.assignee, label: filters.assignee }]
            : []),
        ]}
        onChange={(value) => onChange({ assignee: value })}
      />
      <SelectField
        label={t("operatorSupport.queue.severity")}
        value={filters.severity}
        options={[
          { value: "", label: t("operatorSupport.queue.anySeverity") },
          ...SEVERITIES.map((value) => ({ value, label: t(SEVERITY_KEYS[value]) })),
        ]}
        onChange={(value) => onChange({ severity: parse("severity", value) as QueueFilters["severity"] })}
      />
      <SelectField
        label={t("operatorSupport.queue.category")}
        value={filters.category}
        options={[
          { value: "", label: t("operatorSupport.queue.anyCategory") },
          ...CATEGORIES.map((value) => ({ value, label: t(CATEGORY_KEYS[value]) })),
        ]}
        onChange={(value) => onChange({ category: parse("category", value) as QueueFilters["category"] })}
      />
      <SelectField
        label={t("operatorSupport.queue.product")}
        value={filters.productId}
        options={[
          { value: "", label: t("operatorSupport.queue.anyProduct") },
          ...products.map((product) => ({ value: product.id, label: product.name })),
          ...(filters.productId && !products.some((p) => p.id === filters.productId)
            ? [{ value: filters.productId, label: filters.productId }]
            : []),
        ]}
        onChange={(value) => onChange({ productId: value })}
      />
    </>
  );
}
