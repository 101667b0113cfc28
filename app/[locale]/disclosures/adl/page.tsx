import type { Metadata } from "next";
import Link from "next/link";
import { AdlRiskLive } from "@/components/adl-risk-live";
import { formatPpbPercentExact } from "@/lib/format";
import { PublicApiError } from "@/lib/services/public-market-data/common";
import { getMarketAdl } from "@/lib/services/public-market-data/get-market-adl";
import { getMethodology, type MethodologyAnswer } from "@/lib/services/public-market-data/get-methodology";
import { UnavailablePage } from "@/components/unavailable-page";

export const metadata: Metadata = { title: "ADL likelihood" };
export const dynamic = "force-dynamic";

/**
 * Issue 6 pt 6 (public part), DISC-5: per market the distance to ADL, its curve and the risk level.
 * The explanation names the parameters; their values are read from the market configuration the
 * engine runs (spec.adlRisk) and the engine's curve range.
 */
export default async function AdlPage() {
  let methodology: MethodologyAnswer;
  let answers: Array<Awaited<ReturnType<typeof getMarketAdl>>>;
  try {
    methodology = await getMethodology();
    answers = await Promise.all(methodology.markets.map((market) => getMarketAdl(market.spec.symbol)));
  } catch (error) {
    if (!(error instanceof PublicApiError)) throw error;
    return <UnavailablePage title="ADL likelihood" what="The ADL figures" reason={error.message} />;
  }
  const range = methodology.adlCurve;
  return (
    <article className="section-page wide-page">
      <h1>ADL likelihood</h1>
      <p className="lead">
        Auto-deleveraging (ADL) is the last step of default management: when the order book, the backstop liquidity providers and
        the insurance fund cannot absorb a bankrupt position, profitable positions on the other side are closed against it. This page
        shows, for each market, how far the mark price would have to move before that happens, and a risk level.
      </p>

      <section aria-labelledby="model">
        <h2 id="model">How the distance is worked out</h2>
        <p>
          The engine takes every open position in the market as it is now and moves the mark price up and down, from{" "}
          {`−${range.maxShockPct}% to +${range.maxShockPct}% in steps of ${range.stepPct}%`}, keeping each account&apos;s other markets at their marks. At each
          price it finds the accounts whose equity would be below zero (past their bankruptcy price) and assumes the worst for the
          order book: it absorbs nothing. Then:
        </p>
        <ul>
          <li>
            their positions are the <strong>inventory</strong> the backstop liquidity providers would have to take over, and
          </li>
          <li>
            their negative equity is the <strong>shortfall</strong> the insurance fund would have to pay.
          </li>
        </ul>
        <p>
          ADL would be needed at a price where the shortfall is more than the insurance fund has above its floor, or the inventory is
          more than the providers&apos; remaining capacity. The <strong>distance to ADL</strong> is the smallest fall and the smallest rise of
          the mark at which that happens, refined to the tick. It is a model of the worst case, not a forecast: real liquidations also
          close positions in the order book, and positions and prices change all the time.
        </p>
        <h3>Risk level</h3>
        <p>
          The level combines two figures. <strong>Stress coverage</strong> is the insurance fund available above its floor divided by the
          shortfall after a stress move of the mark (the worse of a fall and a rise of that size). The <strong>distance to ADL</strong> is
          the smaller of the two distances. The level is <strong>high</strong> when either is below its high threshold,{" "}
          <strong>elevated</strong> when either is below its elevated threshold, and <strong>low</strong> otherwise. The thresholds are part of
          each market&apos;s configuration:
        </p>
        <div className="table-wrap">
          <table className="data-table" data-testid="adl-thresholds">
            <caption>ADL risk thresholds per market</caption>
            <thead>
              <tr>
                <th scope="col">Market</th>
                <th scope="col">Stress move</th>
                <th scope="col">High if coverage below</th>
                <th scope="col">Elevated if coverage below</th>
                <th scope="col">High if distance below</th>
                <th scope="col">Elevated if distance below</th>
              </tr>
            </thead>
            <tbody>
              {methodology.markets.map(({ spec }) => (
                <tr key={spec.symbol}>
                  <th scope="row">{spec.symbol}</th>
                  <td>{formatPpbPercentExact(spec.adlRisk.stressMove)}</td>
                  <td>{formatPpbPercentExact(spec.adlRisk.highBelowCoverage)}</td>
                  <td>{formatPpbPercentExact(spec.adlRisk.elevatedBelowCoverage)}</td>
                  <td>{formatPpbPercentExact(spec.adlRisk.highBelowDistance)}</td>
                  <td>{formatPpbPercentExact(spec.adlRisk.elevatedBelowDistance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          Your own positions&apos; place in the ADL queue (the ADL lights) is shown to you in the client portal. Changes to these thresholds
          appear in the <Link href="/disclosures/parameters">parameter change log</Link>.
        </p>
      </section>

      <section aria-labelledby="markets-now">
        <h2 id="markets-now">Each market now</h2>
        <noscript>
          <p>Without JavaScript these figures are as of the page load and the charts are not drawn; the curve data tables list every point.</p>
        </noscript>
        <AdlRiskLive
          renderedAtMs={methodology.engineTimeMs}
          markets={answers.map((answer) => ({ symbol: answer.symbol, tickSize: answer.tickSize, adl: answer.adl }))}
        />
        <p className="muted">
          Machine-readable: <code>GET /api/public/markets/&#123;symbol&#125;/adl</code>; live in the <code>stats</code> messages of{" "}
          <code>GET /api/public/markets/&#123;symbol&#125;/stream</code> (README, &quot;Public API&quot;).
        </p>
      </section>
    </article>
  );
}
