import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectMediaType, formatFileSize, safeDocumentName } from "./evidence-file";

const PDF = "application/pdf";
const PNG = "image/png";
const JPEG = "image/jpeg";

describe("evidence file names", () => {
  // [what the client sent, the type its bytes were recognised as, the name it is stored and served under]
  const hostile: [string, string, string][] = [
    ["evil.html", PDF, "evil.pdf"],
    ["x.svg", PNG, "x.png"],
    ["evil.svg", JPEG, "evil.jpg"],
    ["statement.pdf.html", PDF, "statement.pdf.pdf"],
    ["../../etc/passwd", PDF, "passwd.pdf"],
    ["..\\..\\Windows\\win.ini", PDF, "win.pdf"],
    ["C:\\Users\\me\\Desktop\\scan.jpeg", JPEG, "scan.jpg"],
    ["a\u202Egnp.exe", PNG, "agnp.png"],
    ["invoice\u202Efdp.html", PDF, "invoicefdp.pdf"],
    ["\u2066evil\u2069.htm\u200B", PDF, "evil.pdf"],
    ["", PDF, "document.pdf"],
    [".htaccess", PDF, "htaccess.pdf"],
    ["...", PNG, "document.png"],
    [". . .html", PDF, "html.pdf"],
    ["   ", PDF, "document.pdf"],
    ["/", PDF, "document.pdf"],
    ["bank\u0000statement\r\n.pdf", PDF, "bankstatement.pdf"],
    ["report\u0085\u009b.pdf", PDF, "report.pdf"],
    ['a<b>c:d"e|f?g*h.pdf', PDF, "a_b_c_d_e_f_g_h.pdf"],
    ["evil\uFF0F..\uFF0Fx.html", PDF, "x.pdf"],
    ["CON.pdf", PDF, "CON_.pdf"],
    ["Statement 2026.11.30.pdf", PDF, "Statement 2026.11.30.pdf"],
    ["銀行月結單 2026年11月.pdf", PDF, "銀行月結單 2026年11月.pdf"],
    ["photo.JPEG", JPEG, "photo.jpg"],
    ["trailing dots...html...", PDF, "trailing dots.pdf"],
    ["tab\there.png", PNG, "tabhere.png"],
    ["wide\u3000space.pdf", PDF, "wide space.pdf"],
    ["unknown type.dat", "application/octet-stream", "unknown type.bin"],
  ];

  it.each(hostile)("%j recognised as %s is stored and served as %j", (name, mediaType, expected) => {
    expect(safeDocumentName(name, mediaType)).toBe(expected);
  });

  it("10,000-character and multi-byte names are cut to a length every file system takes, on a character boundary", () => {
    const long = safeDocumentName(`${"a".repeat(10_000)}.html`, PDF);
    expect(long).toBe(`${"a".repeat(150)}.pdf`);
    const cjk = safeDocumentName(`${"結".repeat(10_000)}.pdf`, PDF);
    expect(cjk).toBe(`${"結".repeat(50)}.pdf`);
    const emoji = safeDocumentName(`${"😀".repeat(1_000)}.png`, PNG);
    expect(emoji).toBe(`${"😀".repeat(37)}.png`);
    for (const name of [long, cjk, emoji]) expect(new TextEncoder().encode(name).byteLength).toBeLessThanOrEqual(160);
  });

  it("names built to make a regular expression backtrack are handled in linear time", () => {
    const attacks = [
      `a${" ".repeat(1_000_000)}b`,
      `${".".repeat(1_000_000)}x`,
      `x${".a".repeat(500_000)}`,
      `${"/".repeat(1_000_000)}`,
      `a${" .".repeat(500_000)}`,
    ];
    for (const name of attacks) {
      const started = performance.now();
      const safe = safeDocumentName(name, PDF);
      expect(performance.now() - started, `${JSON.stringify(name.slice(0, 12))}…`).toBeLessThan(500);
      expect(safe).toMatch(/\.pdf$/);
    }
  });

  it("any name at all gives a name with the sniffed extension, no folder, no control or format character, no leading dot, and applying it again changes nothing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.constantFrom(PDF, PNG, JPEG), (name, mediaType) => {
        const safe = safeDocumentName(name, mediaType);
        expect(safe).toMatch(mediaType === PDF ? /\.pdf$/ : mediaType === PNG ? /\.png$/ : /\.jpg$/);
        expect(safe).not.toMatch(/[/\\<>:"|?*\p{C}\p{Zl}\p{Zp}]/u);
        expect(safe).not.toMatch(/^[. ]/);
        expect(safeDocumentName(safe, mediaType)).toBe(safe);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("evidence file types (PI-5)", () => {
  it("recognises PDF, PNG and JPEG by their first bytes and nothing else", () => {
    const bytes = (text: string | number[]) => (typeof text === "string" ? new TextEncoder().encode(text) : new Uint8Array(text));
    expect(detectMediaType(bytes("%PDF-1.7\n"))).toBe(PDF);
    expect(detectMediaType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(PNG);
    expect(detectMediaType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe(JPEG);
    expect(detectMediaType(bytes("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(detectMediaType(bytes("<!doctype html>%PDF-"))).toBeNull();
    expect(detectMediaType(bytes("%PDF"))).toBeNull();
  });

  it("states sizes in KB and MB the way the limits are set", () => {
    expect(formatFileSize(50 * 1024 * 1024)).toBe("50 MB");
    expect(formatFileSize(4.25 * 1024 * 1024)).toBe("4.3 MB");
    expect(formatFileSize(20 * 1024 * 1024 + 300)).toBe("20 MB");
    expect(formatFileSize(0)).toBe("0 KB");
    expect(formatFileSize(1)).toBe("1 KB");
    expect(formatFileSize(99 * 1024)).toBe("99 KB");
  });
});
