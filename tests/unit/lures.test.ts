import { describe, expect, it } from "vitest";
import { lureThemes } from "@/server/verdicts/lures";
import { foldText } from "@/server/verdicts/text";

const themesOf = (text: string) => lureThemes(foldText(text)).map((found) => found.theme);

describe("lure phrases", () => {
  it.each([
    ["Your photos and videos will be deleted on Friday", "mailbox-full"],
    ["Final chance to restore iCloud storage", "mailbox-full"],
    ["Seus arquivos serão excluídos amanhã", "mailbox-full"],
    ["Vos photos seront supprimées", "mailbox-full"],
    ["Ihre Fotos werden endgültig gelöscht", "mailbox-full"],
    ["Il tuo spazio di archiviazione è pieno", "mailbox-full"],
    ["You sent 0.79 ETH. If this wasn't you, cancel this transaction", "unusual-sign-in"],
    ["Se não foi você, bloqueie agora", "unusual-sign-in"],
    ["Wenn Sie das nicht waren, melden Sie sich", "unusual-sign-in"],
    ["Dringend: Ihr Abonnement ist abgelaufen!", "payment"],
    ["Votre abonnement a expiré", "payment"],
    ["Livraison du colis suspendue : frais de douane impayés", "parcel"],
    ["Ihr Paket: Zollgebühr offen", "parcel"],
    ["Pague a taxa de entrega", "parcel"],
    ["Troque seus pontos por produtos", "reward"],
    ["Sie haben 24 Stunden, um es zu erneuern", "urgency"],
    ["Agissez maintenant", "urgency"],
    ["Überprüfen Sie Ihr Konto", "credentials"],
    ["You'll need to accept the new terms. To verify the agreement, click below", "credentials"],
    ["Ihre McAfee-Lizenz ist abgelaufen", "payment"],
    ["Your antivirus license has expired", "payment"],
    ["Foi identificado um registro de infração de trânsito pendente. Regularize sua CNH", "payment"],
    ["U heeft (1) pakket dat op bezorging wacht", "parcel"],
    [
      "Unverified wallets will face the freezing of your wallet and the blocking of all your assets",
      "account-suspended",
    ],
    ["You can now collect your crypto tokens", "wallet"],
    // Grammar the first phrases missed: a verb between the parcel and its state, an order rather than a parcel.
    ["Sua encomenda foi taxada: pague agora", "parcel"],
    ["Seu pedido está retido na alfândega", "parcel"],
    ["BITTE bestätigen Sie die Zustellung des Pakets", "parcel"],
    ["Consegna non andata a buon fine: ordine 3788546", "parcel"],
    ["Notice: your wallet is about to be suspended!", "account-suspended"],
    ["Unlock your wallet to avoid suspension.", "account-suspended"],
    ["Dispositivo bloqueado por segurança", "account-suspended"],
    ["Valor bloqueado por segurança", "account-suspended"],
    ["Houve um acesso de um novo dispositivo na sua conta", "unusual-sign-in"],
    ["Se ha detectado un nuevo dispositivo", "unusual-sign-in"],
    ["Deine Sicherheits-PIN ist abgelaufen", "password-expiry"],
    ["Consultar e solicitar a devolução de Valores a Receber", "reward"],
    ["Le solicitamos que proceda a completar o confirmar sus datos", "credentials"],
    ["Precisamos atualizar os seus dados hoje", "credentials"],
    ["Bitte Ihre Legitimation rechtzeitig zu aktualisieren", "credentials"],
    ["Es posible que su almacenamiento en la nube esté lleno", "mailbox-full"],
  ])("%s → %s", (text, theme) => {
    expect(themesOf(text)).toContain(theme);
  });

  it.each([
    [
      "Get the most out of our campaign by submitting a claim: claim XRP from the five billion token allocation",
      "wallet",
    ],
    ["Register to claim your XRP allocation", "wallet"],
    ["To check your eligibility to claim your tokens, click below", "wallet"],
    ["Your account reflects an unclaimed balance of $5,189.27", "wallet"],
    ["Accounts activated before Nov 23rd need to stake your XLM manually", "wallet"],
    ["Please connect your wallet to continue", "wallet"],
    ["Verify your recovery phrase", "wallet"],
    ["Jump into the $SUSHI Airdrop!", "wallet"],
    ["Our system shows that your Ledger Live application is outdated", "wallet"],
    ["Wallets that are not synchronized will be restricted", "wallet"],
    ["Synchronize your wallet now to resume service", "wallet"],
    [
      "The Ledger wallet associated with your e-mail address has been found within those affected by the breach",
      "wallet",
    ],
  ])("wallet drainer: %s", (text, theme) => {
    expect(themesOf(text)).toContain(theme);
  });

  it("leaves talk of wallets, tokens and stakes that asks for nothing alone", () => {
    expect(themesOf("The parser splits the input into tokens and claims the first one.")).toEqual([]);
    expect(themesOf("I left my wallet at the office; the stakes are high this quarter.")).toEqual([]);
    expect(themesOf("Token allocation in the scheduler is done per CPU.")).toEqual([]);
    expect(themesOf("A firmware update is required for the B210 to boot; the device is out of date.")).toEqual([]);
    expect(themesOf("Synchronize the clocks of both devices before the capture.")).toEqual([]);
    expect(themesOf("Para confirmar su asistencia, responda a este correo.")).toEqual([]);
    expect(themesOf("Ihre Daten werden nächste Woche migriert.")).toEqual([]);
  });

  it("reads Greek or Cyrillic look-alike letters inside Latin words as the letters they imitate, and leaves Greek and Russian alone", () => {
    expect(foldText("Wе hаvе tеmpоrаrіly suspеndеd yоur аccоunt")).toBe("we have temporarily suspended your account");
    expect(themesOf("Vеrify yоur аccоunt")).toContain("credentials");
    expect(foldText("Ваш счёт и λογαριασμός")).toBe("ваш счет и λογαριασμος");
  });

  it("leaves the honest turns of phrase alone", () => {
    expect(themesOf("If you did not request this password reset, you can ignore this email.")).toEqual([]);
    expect(themesOf("The photos from Saturday's match are in the shared album.")).toEqual([]);
    expect(themesOf("Our subscription to the journal runs until May.")).toEqual([]);
    expect(themesOf("The parcel arrived yesterday, thanks!")).toEqual([]);
    expect(themesOf("The licence of the dataset is CC BY 4.0.")).toEqual([]);
    expect(themesOf("Het pakket is gisteren aangekomen.")).toEqual([]);
    expect(themesOf("We collect your feedback on the tokenizer.")).toEqual([]);
    expect(themesOf("O pedido foi enviado ontem e chegou hoje.")).toEqual([]);
    expect(themesOf("The device was suspended to RAM and resumed without errors.")).toEqual([]);
    expect(themesOf("La consegna è prevista per domani.")).toEqual([]);
    expect(themesOf("Enter the PIN shown on the screen to pair the device.")).toEqual([]);
  });
});
