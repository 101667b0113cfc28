/**
 * Generates the portal's icons and social preview image into public/ (the files are committed; run this
 * again only when the artwork changes): `npx tsx scripts/generate-icons.ts`.
 *
 * - icon.svg: the mark, a teal tile with three rising bars (the accent of app/globals.css).
 * - favicon.ico: 16, 32 and 48 px, each a PNG inside the ICO container (every current browser reads these).
 * - apple-touch-icon.png (180), icon-192.png, icon-512.png: full-bleed tiles, the bars inside the
 *   central 60 %, so a launcher's mask (a circle of 80 % or any rounded shape) never cuts them.
 * - og-image.png (1200 × 630): the preview shown when a page is shared.
 *
 * Rendering uses sharp, which Next installs for image optimisation (not a dependency of its own). The
 * preview's text is set in whatever sans-serif fontconfig finds here; the committed PNG fixes the result.
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const OUT = path.resolve(import.meta.dirname, "..", "public");
const ACCENT = "#0b5d6b"; // --accent
const ACCENT_SOFT = "#e6f1f3"; // --accent-soft
const BG = "#f6f7f9"; // --bg
const TEXT = "#1b2430"; // --text
const MUTED = "#4f5b6a"; // --muted

/** Three rising bars in a 100 × 100 box, scaled into the square [inset, 100 − inset]. */
function bars(inset: number, colour = "#ffffff"): string {
  const scale = (100 - 2 * inset) / 100;
  const bar = (x: number, top: number) => `<rect x="${x}" y="${top}" width="18" height="${80 - top}" rx="3" />`;
  return `<g fill="${colour}" transform="translate(${inset} ${inset}) scale(${scale})">${bar(14, 52)}${bar(41, 34)}${bar(68, 16)}<rect x="10" y="84" width="80" height="6" rx="3" /></g>`;
}

/** The mark on a rounded tile (favicon, icon.svg) or full bleed (launcher icons, which the platform masks). */
function markSvg({ rounded, inset }: { rounded: boolean; inset: number }): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">
  <rect width="100" height="100" ${rounded ? 'rx="18"' : ""} fill="${ACCENT}" />
  ${bars(inset)}
</svg>
`;
}

function ogSvg(): string {
  const font = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="${BG}" />
  <rect width="1200" height="12" fill="${ACCENT}" />
  <g transform="translate(80 96)">
    <rect width="120" height="120" rx="22" fill="${ACCENT}" />
    <g transform="scale(1.2)">${bars(16)}</g>
  </g>
  <text x="80" y="300" font-family="${font}" font-size="62" font-weight="700" fill="${TEXT}">HK Perps Disclosure</text>
  <text x="80" y="374" font-family="${font}" font-size="62" font-weight="700" fill="${TEXT}">&amp; Compliance Portal</text>
  <text x="80" y="440" font-family="${font}" font-size="30" fill="${MUTED}">Public disclosures · Client portal · Compliance · Market-maker oversight</text>
  <rect x="80" y="496" width="528" height="56" rx="28" fill="${ACCENT_SOFT}" />
  <text x="106" y="533" font-family="${font}" font-size="26" font-weight="700" fill="${ACCENT}">Demo environment · simulated market</text>
</svg>
`;
}

async function png(svg: string, size: number): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: Math.max(72, (72 * size) / 100) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** An ICO file whose images are PNGs (ICONDIR, one ICONDIRENTRY per image, then the images). */
export function icoOf(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)]);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const tile = markSvg({ rounded: true, inset: 12 });
  // Full bleed, bars within the central 60 % (inset 20): inside the 80 % circle a maskable icon keeps.
  const launcher = markSvg({ rounded: false, inset: 20 });
  fs.writeFileSync(path.join(OUT, "icon.svg"), tile);
  const favicon = await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(tile, size) })));
  fs.writeFileSync(path.join(OUT, "favicon.ico"), icoOf(favicon));
  fs.writeFileSync(path.join(OUT, "apple-touch-icon.png"), await png(launcher, 180));
  fs.writeFileSync(path.join(OUT, "icon-192.png"), await png(launcher, 192));
  fs.writeFileSync(path.join(OUT, "icon-512.png"), await png(launcher, 512));
  fs.writeFileSync(path.join(OUT, "og-image.png"), await sharp(Buffer.from(ogSvg())).png({ compressionLevel: 9 }).toBuffer());
  console.log(`icons and preview image written to ${path.relative(process.cwd(), OUT)}/`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
