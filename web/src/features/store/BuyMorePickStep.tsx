import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../lib/form.ts";
import { formatDate } from "../../lib/format.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { StepHeading } from "../../ui/PageHeading.tsx";
import { RadioGroup } from "../../ui/RadioGroup.tsx";
import { licensingApi, type SubscriptionDetails, type SubscriptionSummary } from "../licensing/api.ts";
import { formatCount } from "../licensing/format.ts";
import { CHANNEL_KEYS } from "../licensing/labels.ts";
import { LoadFailed, PageSpinner } from "./StoreNotices.tsx";
import { canBuyMore } from "./upgrade-form.ts";

type Props = {
  accountId: string;
  /** ?subscription=…: chosen already (from Subscription Details); Next is pressed for the buyer. */
  preselected: string | null;
  heading: string;
  onNext: (subscription: SubscriptionDetails) => void;
};

type ListState = { status: "loading" } | { status: "ready"; items: SubscriptionSummary[] } | { status: "error"; error: unknown };

/** Who sells more licenses for a subscription that was not bought online: its reseller or sales contact. */
export function contactFor(t: TFunction, details: Pick<SubscriptionDetails, "contract">): string {
  const { contract } = details;
  const who = contract.resellerName ?? contract.contactName ?? t(CHANNEL_KEYS[contract.salesChannel]);
  return contract.contactEmail
    ? t("store.buyMore.contactSellerEmail", { who, email: contract.contactEmail })
    : t("store.buyMore.contactSeller", { who });
}

/** Step 1: the account's subscriptions that can take more licenses; Next checks that the chosen one was bought online. */
export function BuyMorePickStep({ accountId, preselected, heading, onNext }: Props) {
  const { t } = useTranslation();
  const [list, setList] = useState<ListState>({ status: "loading" });
  const [chosen, setChosen] = useState(preselected ?? "");
  const [version, setVersion] = useState(0);
  const form = useForm<"subscription">();
  const autoNext = useRef(preselected !== null);

  useEffect(() => {
    void version;
    const controller = new AbortController();
    licensingApi
      .subscriptions(accountId, { display: "all", sort: "name", productId: "" }, { limit: 200 }, controller.signal)
      .then((page) => {
        const items = page.items.filter(canBuyMore);
        setList({ status: "ready", items });
        setChosen((current) => (items.some((s) => s.id === current) ? current : (items[0]?.id ?? "")));
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setList({ status: "error", error });
      });
    return () => controller.abort();
  }, [accountId, version]);

  const next = () =>
    form.submit({
      validate: () => ({ subscription: chosen ? undefined : "store.buyMore.errors.pickOne" }),
      action: async () => {
        const details = await licensingApi.subscription(accountId, chosen);
        if (details.contract.salesChannel !== "online") {
          form.setAlert((tt) => contactFor(tt, details));
          return;
        }
        onNext(details);
      },
    });

  // Coming from a subscription's "Buy more licenses" link: go on to step 2 at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the list has arrived.
  useEffect(() => {
    if (list.status !== "ready" || !autoNext.current) return;
    autoNext.current = false;
    if (list.items.some((s) => s.id === preselected)) void next();
  }, [list.status]);

  if (list.status === "loading") return <PageSpinner />;
  if (list.status === "error") return <LoadFailed error={list.error} onRetry={() => setVersion((v) => v + 1)} />;

  return (
    <section className="card">
      <form
        ref={form.formRef}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void next();
        }}
      >
        <StepHeading>{heading}</StepHeading>
        <FormAlert message={form.alert} />
        {list.items.length === 0 ? (
          <p>{t("store.buyMore.noSubscriptions")}</p>
        ) : (
          <RadioGroup
            legend={t("store.buyMore.pickLegend")}
            name="subscription"
            value={chosen}
            options={list.items.map((s) => ({
              value: s.id,
              label: s.displayName,
              hint: t("store.buyMore.pickHint", {
                product: s.product.name,
                licenses: formatCount(s.totalLicenses),
                date: s.expiresAt ? formatDate(s.expiresAt) : t("licensing.noExpiry"),
              }),
            }))}
            onChange={setChosen}
          />
        )}
        <div className="actions">
          <Button type="submit" busy={form.busy} disabled={list.items.length === 0}>
            {t("store.buyMore.next")}
          </Button>
        </div>
      </form>
    </section>
  );
}
