import { describe, expect, it } from "vitest";
import { sniffMedia } from "./media-type";
import { MediaUrls } from "./signed-urls";
import { renderTemplate } from "../templates/templates.service";
import { parseVcard } from "../../channels/vcard";

describe("sniffMedia", () => {
  it("types files by their bytes, never by name or declared type", () => {
    expect(sniffMedia(Buffer.from("%PDF-1.7\n..."), "foto.jpg")).toEqual({ mimeType: "application/pdf", kind: "document", voice: false });
    expect(sniffMedia(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), "x.pdf")).toMatchObject({ mimeType: "image/jpeg", kind: "image" });
    expect(sniffMedia(Buffer.concat([Buffer.from("OggS\0\x02"), Buffer.alloc(20), Buffer.from("OpusHead")]), null)).toEqual({ mimeType: "audio/ogg", kind: "audio", voice: true });
    expect(sniffMedia(Buffer.from("ID3\x04\0\0\0\0\0\0"), null)).toMatchObject({ mimeType: "audio/mpeg", kind: "audio", voice: false });
    expect(sniffMedia(Buffer.from("\0\0\0\x20ftypM4A \0\0\0\0"), null)).toMatchObject({ mimeType: "audio/mp4", kind: "audio" });
    expect(sniffMedia(Buffer.from("\0\0\0\x18ftypmp42\0\0\0\0"), null)).toMatchObject({ mimeType: "video/mp4", kind: "video" });
    expect(sniffMedia(Buffer.from("\0\0\0\x18ftyp3gp4\0\0\0\0"), null)).toMatchObject({ mimeType: "video/3gpp", kind: "video" });
    expect(sniffMedia(Buffer.from("#!AMR\n"), null)).toMatchObject({ mimeType: "audio/amr" });
  });

  it("uses the name only between formats sharing a container, and refuses the rest", () => {
    const zip = Buffer.from("PK\x03\x04\x14\0\0\0");
    expect(sniffMedia(zip, "planilha.xlsx")?.mimeType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(sniffMedia(zip, "contrato.docx")?.kind).toBe("document");
    expect(sniffMedia(zip, "fotos.zip")).toBeNull();
    expect(sniffMedia(Buffer.from("linha 1\nlinha 2"), "notas.txt")).toMatchObject({ mimeType: "text/plain" });
    expect(sniffMedia(Buffer.from("MZ\x90\0\0\0"), "boleto.pdf")).toBeNull();
    expect(sniffMedia(Buffer.from("RIFF\0\0\0\0WAVEfmt "), "audio.wav")).toBeNull();
  });
});

describe("MediaUrls", () => {
  const urls = new MediaUrls(Buffer.alloc(32, 1), "https://atende.exemplo.com.br", 60);
  const id = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890";
  it("signs a link for one message that expires", () => {
    const now = Date.UTC(2026, 0, 1);
    const u = new URL(urls.url(id, now));
    expect(u.origin + u.pathname).toBe(`https://atende.exemplo.com.br/media/messages/${id}`);
    const exp = u.searchParams.get("exp");
    const sig = u.searchParams.get("sig");
    expect(urls.verify(id, exp, sig, now)).toBe(true);
    expect(urls.verify(id, exp, sig, now + 61_000)).toBe(false);
    expect(urls.verify(id.replace("6f", "7f"), exp, sig, now)).toBe(false);
    expect(urls.verify(id, String(Number(exp) + 3600), sig, now)).toBe(false);
    expect(new MediaUrls(Buffer.alloc(32, 2), null).verify(id, exp, sig, now)).toBe(false);
  });
});

describe("renderTemplate", () => {
  it("fills numbered and named placeholders in order, keeping unknown ones", () => {
    expect(renderTemplate("Olá {{1}}, seu pedido {{2}} saiu.", "x", ["Ana", "#42"])).toBe("Olá Ana, seu pedido #42 saiu.");
    expect(renderTemplate("Oi {{nome}}! Código {{ codigo }}.", "x", ["Ana", "123"])).toBe("Oi Ana! Código 123.");
    expect(renderTemplate("Oi {{1}} {{2}}", "x", ["Ana"])).toBe("Oi Ana {{2}}");
    expect(renderTemplate(null, "boas_vindas", ["Ana"])).toBe("[modelo boas_vindas] Ana");
  });
});

describe("parseVcard", () => {
  it("reads the name and phones, preferring waid and unfolding lines", () => {
    expect(parseVcard("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José\r\n  Silva\r\nTEL;TYPE=CELL;waid=5511912345678:+55 11 91234-5678\r\nTEL;TYPE=WORK:(11) 3333-4444\r\nEND:VCARD", null)).toEqual({
      name: "José Silva",
      phones: ["+5511912345678", "+1133334444"],
    });
    expect(parseVcard("BEGIN:VCARD\nN:Souza;Maria;;;\nEND:VCARD", null)).toEqual({ name: "Maria Souza", phones: [] });
    expect(parseVcard("BEGIN:VCARD\nEND:VCARD", null)).toBeNull();
  });
});
