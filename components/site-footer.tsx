export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="site-footer__demo">
          <strong>Demo environment — simulated market, not investment advice.</strong> Prices, trades and accounts
          shown by this portal come from a simulation, not a live market.
        </p>
        <p id="complaints">
          <strong>Complaints and enquiries: not built yet.</strong> This demo has no way to lodge a complaint or make
          an enquiry yet; it is planned.
        </p>
      </div>
    </footer>
  );
}
