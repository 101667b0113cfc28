import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { formatMinorUnits, formatPpbDecimal, formatPpbPercentExact, formatUtc } from "@/lib/format";
import { instrumentText, type InstrumentTranslator } from "@/lib/i18n/instrument-names";
import { Link } from "@/lib/i18n/navigation";
import { getRegistryInForce, listCollateralProposals } from "@/lib/services/collateral-governance/read";
import { REASON_MAX_CHARS, REASON_MIN_CHARS } from "@/lib/services/collateral-governance/schemas";
import { requireStepUp, type ServiceContext } from "@/lib/services/context";
import { StepUpRequired } from "@/lib/services/errors";
import { requirePermission } from "@/lib/transport/session";
import { publicAnswer } from "../../public-answer";
import { AddAssetForm, BreakerForm, ChangeEntryForm, LiftForm, type AssetChoice } from "./forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("collateralGovernance");
  return { title: t("metaTitle") };
}

export const dynamic = "force-dynamic";

/**
 * COL-1, COL-4: the eligible-collateral registry in force with its circuit breakers, the forms to
 * propose a change (an entry, a new asset, a breaker, lifting one), and the proposals.
 */
export default async function CollateralGovernancePage() {
  const ctx = await requirePermission("risk.read");
  const [t, names] = await Promise.all([getTranslations("collateralGovernance"), getTranslations("instruments")]);
  const mayPropose = can(ctx.actor.roles, "risk.propose");
  const [registry, proposals] = await Promise.all([publicAnswer(() => getRegistryInForce({ ctx })), listCollateralProposals({ ctx })]);
  const stepUpHref = "/step-up?next=/compliance/collateral";
  return (
    <div className="section-page wide-page stack">
      <h1>{t("title")}</h1>
      <p className="lead">{t.rich("lead", { link: (chunks) => <Link href="/disclosures/methodology/collateral">{chunks}</Link> })}</p>
      {!registry.ok ? (
        <Alert tone="error">{t("unavailable", { reason: registry.reason })}</Alert>
      ) : (
        <section aria-labelledby="registry-heading">
          <h2 id="registry-heading">{t("registry.title")}</h2>
          <p>{registry.data.usdPerHkd === null ? t("registry.noFx") : t("registry.fx", { rate: formatPpbDecimal(registry.data.usdPerHkd) })}</p>
          <TableShell caption={t("registry.caption")}>
            <thead>
              <tr>
                {(["asset", "kind", "haircut", "limits", "eligible", "status", "licence"] as const).map((column) => (
                  <th key={column} scope="col">
                    {t(`registry.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {registry.data.assets.map((asset) => (
                <tr key={asset.assetId} data-testid="registry-row" data-asset={asset.assetId}>
                  <th scope="row">
                    <code>{asset.assetId}</code>
                    {asset.illustrative ? <span className="pill pill--warn"> {t("registry.illustrative")}</span> : null}
                  </th>
                  <td>
                    {t(`forms.kinds.${asset.kind}`)} · {asset.currency}
                  </td>
                  <td data-testid="registry-haircut">{formatPpbPercentExact(asset.haircutRate)}</td>
                  <td>
                    {t("registry.perDeposit", { amount: formatMinorUnits(asset.maxDepositMinor, asset.decimals) })}
                    <br />
                    {t("registry.perAccount", { amount: formatMinorUnits(asset.maxAccountMinor, asset.decimals) })}
                  </td>
                  <td className="nowrap">
                    {formatUtc(asset.effectiveFromMs)} – {asset.effectiveToMs === null ? t("registry.openEnded") : formatUtc(asset.effectiveToMs)}
                  </td>
                  <td>{t(`registry.statuses.${asset.status}`)}</td>
                  <td>{asset.licenceNo ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        </section>
      )}

      {mayPropose && registry.ok ? (
        <>
          <section className="panel stack" aria-labelledby="change-heading">
            <h2 id="change-heading">{t("forms.change.title")}</h2>
            <p>{t("forms.change.lead")}</p>
            <ChangeEntryForm assets={assetChoices(names, registry.data.assets)} min={REASON_MIN_CHARS} max={REASON_MAX_CHARS} />
          </section>
          <section className="panel stack" aria-labelledby="breaker-heading">
            <h2 id="breaker-heading">{t("forms.breaker.title")}</h2>
            <p>{t("forms.breaker.lead")}</p>
            <BreakerForm
              assets={assetChoices(names, registry.data.assets)}
              min={REASON_MIN_CHARS}
              max={REASON_MAX_CHARS}
              stepUpFresh={stepUpIsFresh(ctx)}
              stepUpHref={stepUpHref}
            />
          </section>
          {registry.data.breakers.length > 0 ? (
            <section className="panel stack" aria-labelledby="lift-heading">
              <h2 id="lift-heading">{t("forms.lift.title")}</h2>
              <p>{t("forms.lift.lead")}</p>
              <LiftForm
                assets={[...new Set(registry.data.breakers.map((b) => b.assetId))].map((assetId) => ({ assetId, label: assetId }))}
                min={REASON_MIN_CHARS}
                max={REASON_MAX_CHARS}
              />
            </section>
          ) : null}
          <section className="panel stack" aria-labelledby="add-heading">
            <h2 id="add-heading">{t("forms.add.title")}</h2>
            <p>{t("forms.add.lead")}</p>
            <AddAssetForm min={REASON_MIN_CHARS} max={REASON_MAX_CHARS} />
          </section>
        </>
      ) : !mayPropose ? (
        <Alert tone="warn">{t("readOnly")}</Alert>
      ) : null}

      <section aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">{t("list.title")}</h2>
        {proposals.length === 0 ? (
          <p>{t("list.none")}</p>
        ) : (
          <TableShell caption={t("list.caption")}>
            <thead>
              <tr>
                {(["proposed", "asset", "kind", "status", "by", "tightening"] as const).map((column) => (
                  <th key={column} scope="col">
                    {t(`list.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.id} data-testid="proposal-row" data-status={p.status}>
                  <td className="nowrap">
                    <Link href={`/compliance/collateral/${p.id}`}>{formatUtc(p.proposedAt.getTime())}</Link>
                  </td>
                  <td>
                    <code>{p.subject}</code>
                  </td>
                  <td>{t(`kind.${p.kind}`)}</td>
                  <td>{t(`status.${p.status}`)}</td>
                  <td>{p.proposedBy?.name ?? "—"}</td>
                  <td>{p.tightening ? t("list.yes") : t("list.no")}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
      </section>
    </div>
  );
}

/** The same rule acting at once enforces (requireStepUp), asked ahead so the form can offer it. */
function stepUpIsFresh(ctx: ServiceContext): boolean {
  try {
    requireStepUp(ctx);
    return true;
  } catch (error) {
    if (error instanceof StepUpRequired) return false;
    throw error;
  }
}

/** Each asset by its id and its name in the reader's language, or its configured English name, marked as English. */
function assetChoices(names: InstrumentTranslator, assets: readonly { assetId: string; name: string }[]): AssetChoice[] {
  return assets.map((a) => {
    const name = instrumentText(names, "collateral", a.assetId, a.name);
    return { assetId: a.assetId, label: `${a.assetId} — ${name.text}`, lang: name.lang };
  });
}
