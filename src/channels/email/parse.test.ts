import { describe, expect, it } from "vitest";
import { mailToItems, parseInboundJson, parseMime } from "./parse";
import { htmlToText, visibleReply } from "./text";
import { findToken, messageIdList, replySubject, threadToken } from "./thread";

describe("e-mail parsing", () => {
  it("converts HTML to text without scripts, styles or tracking images, keeping quotes as quotes", () => {
    const text = htmlToText("<style>p{}</style><div>Meu <b>pedido 5512</b> não chegou.<script>alert(1)</script><img src=\"https://x.example/p.gif\"></div><blockquote>Em 01/03, Loja escreveu:<br>pedido enviado</blockquote>");
    expect(text).toContain("Meu pedido 5512 não chegou.");
    expect(text).not.toMatch(/alert|p\.gif|p\{\}/);
    expect(text).toMatch(/^> /m);
  });

  it("strips quoted history and device signatures in Portuguese and English", async () => {
    expect(await visibleReply("Pode ser amanhã?\n\nEnviado do meu iPhone\n\n> Em 03/11/2025, às 10:00, Loja <a@b.com> escreveu:\n> ok")).toBe("Pode ser amanhã?");
    expect(await visibleReply("Sim, por favor.\n\nDe: Atendimento <a@b.com>\nEnviado: segunda-feira, 3 de novembro de 2025 10:00\nPara: Cliente <c@d.com>\nAssunto: RE: pedido\n\nOlá")).toBe("Sim, por favor.");
    expect(await visibleReply("Quero cancelar.\n\n-----Mensagem original-----\nDe: Loja\ntexto antigo")).toBe("Quero cancelar.");
    expect(await visibleReply("Thanks!\n\nOn Mon, Mar 3, 2025 at 10:12 AM Loja <a@b.com> wrote:\n> old")).toBe("Thanks!");
    // All quote (an odd client): the text is kept rather than lost.
    expect(await visibleReply("> só citação")).toBe("> só citação");
  });

  it("reads inbound-parse JSON with header objects or raw header blocks", async () => {
    const a = parseInboundJson({ from: "João <JOAO@x.com.br>", to: "s@loja.com.br", subject: "Oi", text: "olá", headers: { "Message-ID": "<j1@x.com.br>", References: "<a@x> <b@x>" } });
    expect(a).toMatchObject({ from: { address: "joao@x.com.br", name: "João" }, messageId: "j1@x.com.br", references: ["a@x", "b@x"], to: ["s@loja.com.br"] });
    const b = parseInboundJson({ from: "c@x.com.br", text: "oi", headers: "Message-ID: <k1@x>\r\nIn-Reply-To:\r\n <m1@loja>\r\nAuto-Submitted: auto-replied\r\n" });
    expect(b).toMatchObject({ messageId: "k1@x", inReplyTo: "m1@loja", automatic: true });
    expect(() => parseInboundJson({ text: "sem remetente" })).toThrow(/from/);
  });

  it("turns a mail into one text event and one event per attachment, and ignores automatic replies and our own mail", async () => {
    const mail = await parseMime(Buffer.from("From: c@x.com.br\r\nTo: s@loja.com.br\r\nSubject: Doc [#abcdefghij]\r\nMessage-ID: <m@x>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsegue\r\n--b\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"));
    const items = await mailToItems(mail, "s@loja.com.br");
    expect(items.map((i) => i.key)).toEqual(["email:m@x", "email:m@x#1"]);
    const [text, att] = items.map((i) => i.event as Extract<NonNullable<typeof i.event>, { kind: "message" }>);
    expect(text).toMatchObject({ text: "segue", from: { email: "c@x.com.br" }, email: { token: "abcdefghij", subject: "Doc [#abcdefghij]" } });
    expect(att).toMatchObject({ type: "DOCUMENT", media: { fileName: "a.pdf", mimeType: "application/pdf" }, email: { attachmentOf: "m@x" } });
    expect((await mailToItems({ ...mail, automatic: true }, "s@loja.com.br"))[0]!.event!.kind).toBe("ignored");
    expect((await mailToItems({ ...mail, from: { address: "s@loja.com.br", name: null } }, "s@loja.com.br"))[0]!.event!.kind).toBe("ignored");
  });

  it("threads: ids, reply subjects and unguessable tokens", () => {
    expect(messageIdList(["<a@x> <b@x>", "<a@x>"])).toEqual(["a@x", "b@x"]);
    expect(replySubject("RES: Re: Pedido [#abcdefghij]", "zzzzzzzzzz", "Loja")).toBe("Re: Pedido [#zzzzzzzzzz]");
    expect(replySubject(null, "zzzzzzzzzz", "Loja")).toBe("Loja [#zzzzzzzzzz]");
    const token = threadToken("segredo", "sessao-1");
    expect(token).toMatch(/^[a-z2-7]{10}$/);
    expect(threadToken("outro", "sessao-1")).not.toBe(token);
    expect(findToken([`suporte+${token}@loja.com.br`], null)).toBe(token);
    expect(findToken([], `Re: x [#${token}]`)).toBe(token);
  });
});
