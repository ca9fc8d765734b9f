import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { currentLocale } from "../../lib/i18n.ts";
import { MICROSOFT_GUIDE_ID } from "./documents.ts";

const SECTIONS = [
  { id: "ms-overview", key: "docs.ms.overview" },
  { id: "ms-server-cals", key: "docs.ms.serverCals" },
  { id: "ms-rds-cals", key: "docs.ms.rdsCals" },
  { id: "ms-external-connector", key: "docs.ms.externalConnector" },
  { id: "ms-spla", key: "docs.ms.spla" },
  { id: "ms-summary", key: "docs.ms.summary" },
] as const;

/** English prose, marked as such so screen readers read it with English pronunciation under any UI language. */
function Prose({ children }: { children: ReactNode }) {
  return <div lang="en">{children}</div>;
}

/**
 * The Microsoft licensing requirements, in our own words (from portal-spec.md §9): what
 * a deployment needs from Microsoft besides our licenses. Headings and navigation follow
 * the UI language; the body text is English only (a note says so in other languages).
 * One h2, an h3 per topic, an in-page table of contents, and a summary table with a
 * caption and header cells, so screen readers can move by heading, landmark or cell.
 */
export function MicrosoftLicensingGuide() {
  const { t } = useTranslation();
  const isEnglish = currentLocale() === "en";
  const heading = (id: (typeof SECTIONS)[number]["id"]) => {
    const section = SECTIONS.find((s) => s.id === id);
    return (
      <h3 id={id} tabIndex={-1}>
        {section ? t(section.key) : null}
      </h3>
    );
  };

  return (
    <section className="card doc-guide" aria-labelledby={MICROSOFT_GUIDE_ID}>
      <h2 id={MICROSOFT_GUIDE_ID} tabIndex={-1}>
        {t("docs.ms.title")}
      </h2>
      {!isEnglish && <p className="doc-note">{t("docs.ms.englishOnly")}</p>}
      <nav className="doc-toc" aria-label={t("docs.ms.onThisPage")}>
        <p className="muted small">{t("docs.ms.onThisPage")}</p>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{t(s.key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Prose>
        <p>
          Our licenses cover our server software only. The Microsoft software it runs on and publishes is licensed separately, by
          Microsoft, and you need those licenses whichever of our licenses you have. This guide says which ones, in plain words.
          It is a summary for planning, not legal advice: Microsoft's own license terms decide, and your Microsoft reseller can
          confirm what your deployment needs.
        </p>
      </Prose>

      {heading("ms-overview")}
      <Prose>
        <ul>
          <li>
            <strong>Operating systems:</strong> a Windows Server license for each server, and desktop operating system licenses
            for the Windows desktops you use or publish.
          </li>
          <li>
            <strong>Windows Server CALs</strong> for the people or devices that use those servers.
          </li>
          <li>
            <strong>RDS CALs</strong> for remote, non-administrative access: everyone who connects to run applications or
            desktops. An <strong>External Connector</strong> can stand in for them when many external users connect to one server.
          </li>
          <li>
            <strong>Service providers</strong> who rent that access to their own customers license it through SPLA, with{" "}
            <strong>SALs</strong> instead of CALs.
          </li>
        </ul>
      </Prose>

      {heading("ms-server-cals")}
      <Prose>
        <p>
          A Client Access License (CAL) is the right of one user, or of one device, to use the services of Windows Server. Every
          user or device that reaches your Windows servers needs one, whether to sign in, open a shared folder or run a published
          application. Like RDS CALs, they come as User CALs and Device CALs.
        </p>
        <p>
          RDS CALs do not replace them. A person who works in a remote session needs <strong>both</strong>: a Windows Server CAL
          and an RDS CAL.
        </p>
      </Prose>

      {heading("ms-rds-cals")}
      <Prose>
        <p>
          Remote Desktop Services (RDS) CALs license remote, non-administrative access: people who connect to a session host to
          run applications or a desktop. Administrators who connect only to manage a server do not need one; Windows Server allows
          up to two such administrative connections per RD Session Host.
        </p>
        <ul>
          <li>
            <strong>RDS Device CAL:</strong> one device, used by any number of people.
          </li>
          <li>
            <strong>RDS User CAL:</strong> one person, on any number of devices.
          </li>
        </ul>
        <p>You can mix the two kinds in one deployment, and buy each where it fits best.</p>
      </Prose>
      <h4>{t("docs.ms.whichCheaper")}</h4>
      <Prose>
        <p>
          Count how many of each kind you would need: the smaller count is usually the cheaper choice (check your reseller's
          prices).
        </p>
        <ul>
          <li>
            <strong>Shared devices: per device is cheaper.</strong> A call centre works in three shifts: 90 agents share 30
            workstations. Per device that is 30 RDS Device CALs; per user it would be 90 RDS User CALs.
          </li>
          <li>
            <strong>People with several devices: per user is cheaper.</strong> 40 consultants each work from a laptop, a tablet
            and a home PC, about 120 devices. Per user that is 40 RDS User CALs; per device it would be 120 RDS Device CALs.
          </li>
          <li>
            <strong>Both at once:</strong> a company with the shift floor and the travelling consultants can buy Device CALs for
            the shared workstations and User CALs for the consultants.
          </li>
        </ul>
      </Prose>

      {heading("ms-external-connector")}
      <Prose>
        <p>
          An RDS External Connector licenses one server for any number of external users, such as your customers or business
          partners, instead of a CAL for each of them. It is counted per server: every server those users connect to needs its own
          External Connector. It suits an application opened to many outside users whose number you cannot count in advance. Your
          own staff still need CALs, and the Windows Server side must be licensed for external users too; your reseller can tell
          you how.
        </p>
      </Prose>

      {heading("ms-spla")}
      <Prose>
        <p>
          If you are a service provider who hosts applications or desktops and rents that access to your own customers, you
          license Microsoft software under the Services Provider License Agreement (SPLA) rather than buying CALs. Under SPLA,
          remote access is licensed with <strong>RDS Subscriber Access Licenses (SALs)</strong>: you report the users who were
          allowed to use the service in each month and pay for what you report.
        </p>
      </Prose>

      {heading("ms-summary")}
      <Prose>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="sr-only">Microsoft licenses at a glance</caption>
            <thead>
              <tr>
                <th scope="col">License</th>
                <th scope="col">Counted per</th>
                <th scope="col">Fits when</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Windows Server CAL</th>
                <td>user or device</td>
                <td>Always: everyone who uses the servers</td>
              </tr>
              <tr>
                <th scope="row">RDS User CAL</th>
                <td>person, on any device</td>
                <td>People use several devices each</td>
              </tr>
              <tr>
                <th scope="row">RDS Device CAL</th>
                <td>device, for anyone</td>
                <td>Several people share each device</td>
              </tr>
              <tr>
                <th scope="row">RDS External Connector</th>
                <td>server, for any number of external users</td>
                <td>Many outside users on one server</td>
              </tr>
              <tr>
                <th scope="row">RDS SAL (SPLA)</th>
                <td>user allowed in the month, reported</td>
                <td>You host and rent out access as a service provider</td>
              </tr>
            </tbody>
          </table>
        </div>
      </Prose>
    </section>
  );
}
