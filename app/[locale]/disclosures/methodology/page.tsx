import type { Metadata } from "next";
import Link from "next/link";
import { DefaultManagementLive } from "@/components/default-management-live";
import { formatPpbPercentExact, formatUsdMicrosExact, formatUtc } from "@/lib/format";
import { formatFraction } from "@/lib/parameter-format";
import { PublicApiError } from "@/lib/services/public-market-data/common";
import { getMethodology, type MethodologyAnswer } from "@/lib/services/public-market-data/get-methodology";
import { UnavailablePage } from "@/components/unavailable-page";

export const metadata: Metadata = { title: "Margin, liquidation and default management" };
export const dynamic = "force-dynamic";

type MarketEntry = MethodologyAnswer["markets"][number];
const usd = (micros: string) => `${formatUsdMicrosExact(micros)} USD`;

/**
 * Issue 6 pt 4 (MRG-1, LIQ-1, LIQ-3, DISC-1): every figure is read from the configuration the engine
 * runs (getMethodology, the same answer as GET /api/public/methodology) and the live engine state;
 * the page text names parameters, never their values.
 */
export default async function MethodologyPage() {
  let data: MethodologyAnswer;
  try {
    data = await getMethodology();
  } catch (error) {
    if (!(error instanceof PublicApiError)) throw error;
    return <UnavailablePage title="Margin, liquidation and default management" what="The methodology" reason={error.message} />;
  }
  return (
    <article className="section-page methodology-page">
      <h1>Margin, liquidation and default management</h1>
      <p className="lead">
        How much margin a position needs, when and how a position is liquidated and what it costs, and the order in which the
        platform absorbs a loss a liquidation leaves behind. Every number on this page is read from the configuration the
        exchange engine runs and from its live state; nothing is typed into the text.
      </p>

      <section aria-labelledby="configuration">
        <h2 id="configuration">Configuration in force</h2>
        <dl className="facts">
          <div>
            <dt>Configuration hash</dt>
            <dd>
              <code data-testid="config-hash">{data.configHash}</code>
              <br />
              <span className="muted">
                FNV-1a 64 of the canonical JSON of the engine&apos;s configuration (markets, collateral registry, platform). The same
                hash is in <code>GET /api/public/methodology</code> and <code>GET /api/public/parameters</code>; it changes with every
                parameter change in the <Link href="/disclosures/parameters">parameter registry and change log</Link>.
              </span>
            </dd>
          </div>
          <div>
            <dt>Formula version</dt>
            <dd>
              <code>{data.platform.formulaVersion}</code> <span className="muted">(stamped on every liquidation and ADL record)</span>
            </dd>
          </div>
          <div>
            <dt>Read at</dt>
            <dd>{formatUtc(data.engineTimeMs)} (engine time)</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="margin">
        <h2 id="margin">Margin tiers</h2>
        <p>
          A position&apos;s <strong>notional</strong> is its size × the mark price. The whole notional falls into one tier: the last tier
          whose floor is at or below it. The tier sets two requirements:
        </p>
        <ul>
          <li>
            <strong>Initial margin</strong> (to open or increase a position) = notional ÷ the tier&apos;s maximum leverage, rounded up;
            the initial margin rate is 1 ÷ maximum leverage.
          </li>
          <li>
            <strong>Maintenance margin</strong> (below it the account is liquidated) = notional × the tier&apos;s maintenance margin
            rate − the tier&apos;s maintenance amount, rounded up. The maintenance amount of a tier = the previous tier&apos;s amount +
            the tier&apos;s floor × (its rate − the previous tier&apos;s rate), so the requirement does not jump at a tier boundary: it
            equals charging each slice of the notional at its own tier&apos;s rate.
          </li>
        </ul>
        <p>
          Margin is <strong>cross margin</strong>: the account&apos;s equity (collateral at its haircut value, plus USD cash, plus the
          unrealised profit and loss of every position at mark) backs all its positions, and its requirements are the sums over its
          positions. In every tier the initial margin rate is above the maintenance margin rate (MRG-1); the engine refuses to start
          with a table that breaks this.
        </p>
        {data.markets.map((market) => (
          <TierTable key={market.spec.symbol} market={market} />
        ))}
      </section>

      <section aria-labelledby="liquidation">
        <h2 id="liquidation">How liquidation works, and its fees</h2>
        <p>
          An account is liquidated when its <strong>equity falls below its maintenance margin</strong>. The engine checks every time
          a mark price changes. A position&apos;s <strong>liquidation price</strong> is the mark price at which that happens (the other
          markets held at their marks); its <strong>bankruptcy price</strong> is the mark price at which equity reaches zero.
          Liquidation closes positions at prices no worse than the bankruptcy price, so a client never loses more than the
          collateral in the account and never owes the platform money.
        </p>
        <p>
          Fees: a <strong>liquidation fee</strong> of the closed notional goes to the market&apos;s insurance fund, capped at the
          equity the account still has (so it never pushes the account below zero). Trading fees apply to ordinary trades only;
          backstop and auto-deleveraging transfers pay none.
        </p>
        <LiquidationTable markets={data.markets} />
      </section>

      <section aria-labelledby="default-management">
        <h2 id="default-management">Default management: order of priority</h2>
        <p>
          When a liquidated position cannot be closed in the order book at or better than its bankruptcy price, the loss is absorbed
          in this fixed order (LIQ-1). Each step is only reached when the previous one could not absorb the rest, and the engine
          records every step it takes with its amounts. The figures marked live come from the market streams.
        </p>
        <DefaultManagementLive
          renderedAtMs={data.engineTimeMs}
          backstop={data.backstop}
          markets={data.markets.map((market) => ({
            symbol: market.spec.symbol,
            tickSize: market.spec.tickSize,
            liquidation: market.spec.liquidation,
            live: market.live,
          }))}
        />
      </section>

      <section aria-labelledby="more">
        <h2 id="more">Related disclosures</h2>
        <ul>
          <li>
            <Link href="/disclosures/methodology/collateral">Eligible collateral</Link>: which assets count as margin, their haircuts,
            regulatory basis and valuation in force (DISC-10).
          </li>
          <li>
            <Link href="/disclosures/adl">ADL likelihood</Link>: how far each market is from auto-deleveraging, its curve and risk level
            (DISC-5).
          </li>
          <li>
            <Link href="/disclosures/parameters">Parameter registry and change log</Link>: every parameter with the time it took effect,
            its previous value and the reason for the change (DISC-1).
          </li>
          <li>
            <Link href="/disclosures/insurance-fund">Insurance fund</Link>: each fund&apos;s balance and ledger (DISC-4).
          </li>
          <li>
            <Link href="/disclosures/markets">Markets</Link>: the index, mark and funding prices with their inputs.
          </li>
        </ul>
        <p className="muted">
          Machine-readable: <code>GET /api/public/methodology</code> returns everything on this page as JSON (README, &quot;Public
          API&quot;).
        </p>
      </section>
    </article>
  );
}

function TierTable({ market }: { market: MarketEntry }) {
  const { spec, example } = market;
  const id = `tiers-${spec.symbol}`;
  const tier = spec.marginTiers.find((candidate) => candidate.tier === example.tier)!;
  return (
    <section aria-labelledby={id} data-testid={`tiers-${spec.symbol}`}>
      <h3 id={id}>{spec.symbol}</h3>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{spec.symbol} margin tiers</caption>
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col">Notional from (USD, inclusive)</th>
              <th scope="col">Notional up to (USD, exclusive)</th>
              <th scope="col">Max leverage</th>
              <th scope="col">Initial margin rate</th>
              <th scope="col">Maintenance margin rate</th>
              <th scope="col">Maintenance amount (USD)</th>
            </tr>
          </thead>
          <tbody>
            {spec.marginTiers.map((t) => (
              <tr key={t.tier} data-testid="tier-row">
                <th scope="row">{t.tier}</th>
                <td>{formatUsdMicrosExact(t.floorNotional)}</td>
                <td>{formatUsdMicrosExact(t.capNotional)}</td>
                <td>{t.maxLeverage}x</td>
                <td>{formatPpbPercentExact(t.initialMarginRate)}</td>
                <td>{formatPpbPercentExact(t.maintenanceMarginRate)}</td>
                <td>{formatUsdMicrosExact(t.maintenanceAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Position limit: {usd(spec.maxPositionNotional)} of notional (the last tier&apos;s upper bound). Worked example, computed by the
        engine&apos;s margin functions: a {usd(example.notional)} position is in tier {example.tier}; maintenance margin ={" "}
        {usd(example.notional)} × {formatPpbPercentExact(tier.maintenanceMarginRate)} − {usd(tier.maintenanceAmount)} ={" "}
        <strong>{usd(example.maintenanceMargin)}</strong>
        {example.maintenanceMarginBracketed === example.maintenanceMargin ? ", the same as charging each slice at its own tier's rate" : ""};
        initial margin = {usd(example.notional)} ÷ {tier.maxLeverage} = <strong>{usd(example.initialMargin)}</strong>.
      </p>
    </section>
  );
}

function LiquidationTable({ markets }: { markets: MarketEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="liquidation-parameters">
        <caption>Liquidation and fee parameters per market</caption>
        <thead>
          <tr>
            <th scope="col">Market</th>
            <th scope="col">Liquidation fee (of closed notional)</th>
            <th scope="col">Largest order-book liquidation step (notional)</th>
            <th scope="col">Backstop when equity is below</th>
            <th scope="col">Insurance fund floor</th>
            <th scope="col">Maker fee</th>
            <th scope="col">Taker fee</th>
          </tr>
        </thead>
        <tbody>
          {markets.map(({ spec }) => (
            <tr key={spec.symbol}>
              <th scope="row">{spec.symbol}</th>
              <td>{formatPpbPercentExact(spec.liquidation.liquidationFeeRate)}</td>
              <td>{usd(spec.liquidation.maxBookChunkNotional)}</td>
              <td>{formatFraction(spec.liquidation.backstopEquityBelowMaintenance)} × maintenance margin</td>
              <td>{usd(spec.liquidation.insuranceFundFloor)}</td>
              <td>{formatPpbPercentExact(spec.fees.makerFeeRate)}</td>
              <td>{formatPpbPercentExact(spec.fees.takerFeeRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
