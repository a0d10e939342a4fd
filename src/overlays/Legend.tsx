/** What the marks mean, and that routes, times and loss positions are reconstructions. */
export function Legend() {
  return (
    <section className="legend" aria-label="Legend">
      <span className="legend__item">
        <span className="legend__swatch legend__swatch--schematic" aria-hidden="true" /> schematic route
      </span>
      <span className="legend__item">
        <span className="legend__swatch legend__swatch--lost" aria-hidden="true" /> lost (falling, then where it came down)
      </span>
      <span className="legend__item">
        <span className="legend__swatch legend__swatch--damaged" aria-hidden="true" /> damaged
      </span>
      <span className="legend__item">
        <span className="legend__swatch legend__swatch--dbr" aria-hidden="true" /> damaged beyond repair
      </span>
      <span className="legend__item legend__item--note">
        * position stands in for an unnamed place. Routes, clock times, formations and where losses happened are reconstructed,
        not from the sources.
      </span>
    </section>
  );
}
