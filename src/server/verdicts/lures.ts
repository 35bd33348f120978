// Phrases of the lures public phishing collections are full of, by theme, in English, Portuguese, Spanish, French,
// German, Italian and Dutch. Matched against folded text (text.ts: lower case, no accents), so they are written so.
// A theme is evidence only together with a way to act (a link, a form, an attachment): newsletters talk about
// invoices and passwords too.

export type TLureTheme =
  | "credentials"
  | "password-expiry"
  | "mailbox-full"
  | "unusual-sign-in"
  | "account-suspended"
  | "payment"
  | "voicemail"
  | "shared-document"
  | "parcel"
  | "reward"
  | "wallet"
  | "urgency";

export const LURE_THEME_LABELS: Record<TLureTheme, string> = {
  credentials: "asks to verify or update an account or its credentials",
  "password-expiry": "says a password expires",
  "mailbox-full": "says the mailbox is full or messages are held",
  "unusual-sign-in": "reports an unusual sign-in",
  "account-suspended": "says an account is suspended, locked or limited",
  payment: "is about an invoice, payment or bank details",
  voicemail: "announces a voicemail or fax",
  "shared-document": "says a document was shared",
  parcel: "says a parcel is held or needs a fee",
  reward: "offers a refund, prize or reward",
  wallet: "asks to connect a crypto wallet, claim tokens or give a recovery phrase",
  urgency: "presses for action now",
};

const themes: Record<TLureTheme, RegExp[]> = {
  credentials: [
    /\b(verify|confirm|validate|update|re-?activate|unlock) (your|the) (account|identity|information|details|e-?mail|mailbox|login|credentials|password|payment)/,
    /\b(sign|log) ?in (to|now)? ?(to )?(verify|confirm|continue|restore)/,
    /\b(confirme|atualize|valide|verifique|regularize|desbloqueie|reative) (seu|sua|os seus|as suas|o seu|a sua|seus|suas)? ?(conta|cadastro|dados|senha|acesso|identidade|e-?mail|informacoes)/,
    /\b(confirme|actualice|verifique|valide|desbloquee|reactive) (su|sus|tu|tus) (cuenta|datos|contrasena|identidad|informacion|correo|acceso)/,
    // The infinitive after a request ("le solicitamos que proceda a confirmar sus datos", "precisamos atualizar seus dados").
    /\b(confirmar|actualizar|verificar|validar|completar|desbloquear) (o confirmar |y confirmar )?(su|sus|tu|tus) (cuenta|datos|contrasena|identidad|informacion|acceso)/,
    /\b(confirmar|atualizar|validar|verificar|regularizar|desbloquear|reativar) (o |os |a |as )?(seu|sua|seus|suas) (conta|cadastro|dados|senha|acesso|identidade)/,
    /\b(confirmez|verifiez|mettez a jour|validez|reactivez|debloquez) (votre|vos) (compte|identite|informations|donnees|mot de passe|adresse|acces)/,
    /\b(bestatigen|verifizieren|uberprufen|aktualisieren|reaktivieren|entsperren) sie (ihr|ihre|ihren) (konto|daten|identitat|passwort|zugang|postfach|e-?mail)/,
    /\b(ihr|ihre|ihren) (konto|daten|identitat|zugang|postfach|legitimation|zugangsdaten|push-?tan(-verbindung|-verfahren)?) ([\p{L}-]+ )?(zu |jetzt )?(bestatigen|verifizieren|aktualisieren)/u,
    /\b(conferma|verifica|aggiorna|riattiva|sblocca) (il tuo|la tua|i tuoi|le tue|il suo|la sua|i suoi|le sue) (account|conto|dati|identita|password|accesso|casella)/,
    /\b(bevestig|verifieer|update|activeer) (uw|je|jouw) (account|rekening|gegevens|identiteit|wachtwoord)/,
    /\b(atualizacao|recadastramento|regularizacao) (cadastral|de dados|obrigatori[ao])/,
    /\b(acesse|clique|toque) (agora|aqui|no link|no botao)/,
    /\b(click|tap) (here|the (link|button) below) to (verify|confirm|update|unlock|restore|continue|claim|view|access|avoid|keep)/,
    /\b(verify|confirm) (now|immediately|today)\b/,
    /\bto (verify|confirm|validate) (the|your) (agreement|account|identity|wallet|mailbox)\b/,
  ],
  "password-expiry": [
    /\bpassword (will )?(expire|expiring|expires|expired|reset required)/,
    /\b(senha|contrasena|mot de passe|passwort|kennwort|password|wachtwoord|sicherheits-?pin|security pin|pin) (ira expirar|expira|expirara|expire|expirera|lauft ab|ist abgelaufen|scade|scadra|verloopt)/,
    /\bkeep (the )?(same|current) password/,
  ],
  "mailbox-full": [
    /\b(mailbox|inbox|e-?mail (storage|quota)|storage) (is )?(full|almost full|over (its )?quota|quota exceeded|limit reached)/,
    /\b(pending|held|undelivered|blocked|suspended) (incoming )?(messages|e-?mails|mails)\b/,
    /\b(upgrade|increase|expand) (your )?(e-?mail |mailbox |storage )?(quota|storage|mailbox)/,
    /\busing \d{2,3} ?% of your (mailbox|storage|quota)/,
    /\b(caixa de (correio|entrada)|buzon|boite (mail|de reception)|postfach|casella (di )?posta|mailbox) (esta |est |ist )?(cheia|lleno|pleine|voll|piena|vol)/,
    /\b(mensagens|mensajes|messages|nachrichten|messaggi|berichten) (pendentes|retidas|pendientes|retenidos|en attente|bloques|ausstehend|zuruckgehalten|in sospeso|in de wacht)/,
    // Cloud-storage lures: "your photos will be deleted", "iCloud storage is full", in each language.
    /\b(photos|files|videos|documents|data|backups?)( and (photos|videos|files|documents))? (will be|are being|are going to be) (permanently )?(deleted|removed|lost|erased)/,
    /\b(cloud|icloud|drive|onedrive|dropbox|google) storage (is )?(full|almost full|exceeded|limit)|\brestore (your )?(icloud |cloud )?storage/,
    /\b(fotos|arquivos|ficheiros|videos) (serao|vao ser) (excluid|apagad|deletad|removid)/,
    /\b(fotos|archivos|videos) (seran|van a ser) (eliminad|borrad)/,
    /\b(photos|fichiers|videos) (seront|vont etre) (supprime|efface)/,
    /\b(fotos|dateien|videos) werden (endgultig )?(geloscht|entfernt)/,
    /\b(foto|file|video) (saranno|verranno) (eliminat|cancellat)/,
    /\b(foto'?s|bestanden|video'?s) worden (definitief )?(verwijderd|gewist)/,
    /\b(speicher(platz)?|cloud-speicher) (ist )?(voll|fast voll)|\bespace de stockage (est )?(plein|sature)|\barmazenamento( na nuvem)? (esta )?(cheio|lotado)|\balmacenamiento( en la nube)? (esta |este )?lleno|\bspazio di archiviazione (e )?pieno|\bopslag(ruimte)? (is )?vol/,
  ],
  "unusual-sign-in": [
    /\b(unusual|suspicious|unrecognized|unknown|new) (sign-?in|login|log-?in|activity|access attempt)/,
    /\bsomeone (tried|attempted) to (sign|log) ?in/,
    /\b(acesso|atividade|login) (suspeito|suspeita|incomum|nao reconhecido)/,
    /\b(novo (acesso|dispositivo|login)|nuevo (dispositivo|acceso|inicio de sesion)|nouvel appareil|neues gerat|nuovo dispositivo|nieuw apparaat)\b/,
    /\b(inicio de sesion|actividad|acceso) (sospechos[oa]|inusual|no reconocid[oa])/,
    /\b(connexion|activite) (suspecte|inhabituelle|inconnue)/,
    /\b(ungewohnliche|verdachtige) (anmeldung|aktivitat)/,
    /\b(accesso|attivita) (sospett[oa]|insolit[oa])/,
    // The security-alert turn of phrase, without the "if you did not request this" of honest password resets.
    /\bif (this|it) (wasn'?t|was not) you\b|\bcancel (this|the) (transaction|transfer|withdrawal|payment)/,
    /\bse (nao foi voce|voce nao reconhece)|\bsi no (fuiste tu|fue usted)|\bsi ce n'?(etait|est) pas vous|\bwenn sie (das|dies) nicht waren|\bse non (sei stato tu|e stato lei)|\bals (u|jij) dit niet (was|bent)/,
  ],
  "account-suspended": [
    /\b(account|access|card|service|subscription|membership|wallet) (has been |was |will be |is |is about to be |will soon be )(temporarily )?(suspended|locked|limited|restricted|disabled|deactivated|blocked|closed|terminated|on hold)/,
    /\bto avoid (the |any )?(suspension|deactivation|closure|termination|restriction) of (your )?(account|wallet|access|card|service)|\bto avoid (account |wallet )?(suspension|deactivation)\b/,
    // Wallet lures threaten the funds rather than the account: "the freezing of your wallet and the blocking of all your assets".
    /\b(freez(e|ing)|block(ing)?) (of )?(your |all (of )?your )?(wallet|assets|funds)\b|\b(wallet|assets|funds) (will be |are |is )(frozen|blocked)|\byour (funds|assets|wallet) (are |is )?(currently )?at risk/,
    /\b(conta|cartao|acesso|cadastro|dispositivo|valor|saldo) (foi |sera |esta )?(temporariamente )?(suspens[ao]|bloquead[ao]|desativad[ao]|limitad[ao]|cancelad[ao]|restrit[ao])/,
    /\b(evite|evitar) (o |a |seu |sua )?(bloqueio|suspensao|cancelamento|multa|protesto)/,
    /\b(suspensao|bloqueio|cancelamento) (da sua|do seu|de sua|de seu) /,
    /\b(cnh|cpf|titulo de eleitor) (suspens|bloquead|irregular|cancelad)/,
    /\b(cuenta|tarjeta|acceso) (ha sido |sera |esta )?(temporalmente )?(suspendid[ao]|bloquead[ao]|desactivad[ao]|limitad[ao]|restringid[ao])/,
    /\b(compte|carte|acces) (a ete |sera |est )?(temporairement )?(suspendu|bloque|desactive|limite|restreint)/,
    /\b(konto|karte|zugang) (wurde |wird |ist )?(vorubergehend )?(gesperrt|eingeschrankt|deaktiviert|blockiert)/,
    /\b(account|conto|carta) (e stato |sara |e )?(temporaneamente )?(sospes[oa]|bloccat[oa]|disattivat[oa]|limitat[oa])/,
    /\b(account|rekening) (is |wordt )?(tijdelijk )?(geblokkeerd|opgeschort|beperkt)/,
  ],
  payment: [
    /\b(overdue|unpaid|outstanding|past due|pending) (invoice|payment|balance|bill)/,
    /\b(payment|transaction) (failed|declined|was unsuccessful|could not be processed|on hold)/,
    /\bpayment (method|details|information) (isn'?t|is not|are not|has not been|was not) (working|valid|accepted|up to date|updated)|\b(subscription|membership|plan|licen[cs]e|protection) (has )?(expired|will expire|is expiring|renewal failed)/,
    /\b(update|change) (your |the )?(billing|payment|bank) (details|information|method|account)/,
    /\b(wire transfer|remittance advice|payment advice|proof of payment|swift copy|purchase order)/,
    /\b(fatura|boleto|cobranca|pagamento|debito|divida|pendencia) (em aberto|pendente|vencid[oa]|atrasad[oa]|nao (foi )?(pag[oa]|identificad[oa])|financeira|registrad[oa])/,
    // Traffic-fine lures (Brazil's DETRAN and CNH notices): a fine to pay, a situation to put right.
    /\b(infracao|multa)( de transito)? (pendente|vencida|em aberto|nao paga)|\bregularize (a |sua |seu )?(situacao|cnh|cpf|pendencia|debito)\b/,
    /\b(compra|transacao|transferencia|pix) (em analise|pendente|aprovada|nao reconhecida|suspeita|no valor de)/,
    /\b(purchase|transaction|order|charge) (of|for) (\$|usd|eur|r\$) ?\d/,
    /\b(your )?order (#|no\.? ?)?\d* ?(is|has been|was) (placed|confirmed|processed|shipped)|money receipt|will be (charged|debited|auto-?renewed)/,
    /\b(call|contact) (us|our (support|billing|helpdesk|team)|the (support|billing) (team|desk))? ?(at|on|immediately)? ?(\+?1[ -]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}/,
    /\b(factura|pago|cobro) (pendiente|vencid[oa]|impagad[oa]|rechazad[oa])/,
    /\b(facture|paiement) (impayee|en attente|en retard|refuse|echoue)/,
    /\b(rechnung|zahlung|mahnung) (offen|ausstehend|uberfallig|fehlgeschlagen|abgelehnt)/,
    /\b(fattura|pagamento) (scadut[oa]|in sospeso|non pagat[oa]|rifiutat[oa])/,
    /\b(abonnement|abo|lizenz|assinatura|licenca|suscripcion|licencia|abbonamento|licenza|lidmaatschap|licentie) (ist |a |e |ha |esta |is )?(am [\d.]+ )?(abgelaufen|lauft (heute )?ab|expire|expirou|expirad[oa]|vencid[oa]|caducad[oa]|scadut[oa]|verlopen)/,
  ],
  voicemail: [
    /\b(new |missed )?(voice ?mail|voice message|audio message|fax) (message )?(received|waiting|from|for you|notification)/,
    /\b(mensagem de voz|correo de voz|message vocal|sprachnachricht|messaggio vocale|voicemailbericht)/,
  ],
  "shared-document": [
    /\b(shared|sent) (a |an )?(document|file|folder|pdf|spreadsheet|secure message) (with you)?/,
    /\b(view|open|review|download|access) (the |your )?(shared |secure |attached |encrypted )?(document|file|pdf|message|invoice)/,
    /\b(compartilhou|compartio|a partage|hat (ein )?(dokument|datei) geteilt|ha condiviso) /,
    /\b(documento|archivo|arquivo|fichier|dokument|file) (compartilhado|compartido|partage|geteilt|condiviso)/,
  ],
  parcel: [
    /\b(parcel|package|shipment|delivery) (is |has been |was )?(on hold|held|pending|suspended|could not be delivered|returned|awaiting)/,
    /\b(customs|shipping|delivery|redelivery) (fee|charge|duty|payment)/,
    /\b(encomenda|pacote|entrega|objeto|pedido) (esta |foi |encontra-se |se encontra )?(retid[oa]|pendente|aguardando|nao (foi )?entregue|taxad[oa])/,
    /\b(paquete|envio|entrega) (retenid[oa]|pendiente|no (pudo ser )?entregad[oa])/,
    /\b(colis|livraison) (en attente|bloque|retenu|non livre)/,
    /\b(paket|sendung|zustellung) (wartet|zuruckgehalten|nicht zugestellt|ausstehend)|\bbestatigen sie (die|ihre) (zustellung|lieferung|sendung|lieferadresse)/,
    /\b(consegna|spedizione|pacco) (non (e )?(andata a buon fine|riuscita|consegnat[oa])|in (giacenza|sospeso)|bloccat[oa])/,
    /\b(package|parcel) (is )?waiting|\b(unpaid|outstanding) (customs|shipping|delivery) (fee|charge)/,
    /\b(frais|taxes?) de (livraison|douane|port|reexpedition)|\bcolis (vous attend|en attente|suspendu|bloque|retenu)|\blivraison (du colis )?suspendue/,
    /\bpakket(je)?\b.{0,30}\b(wacht|vastgehouden|niet (worden )?bezorgd|in afwachting)|\b(bezorg|verzend)kosten\b/,
    /\bzollgebuhr|\b(gastos|tasas) de (envio|aduana)|\btaxa (de entrega|alfandegaria|de importacao)|\b(spese|tasse) di (spedizione|sdoganamento|consegna)|\b(verzendkosten|invoerrechten|douanekosten)/,
  ],
  reward: [
    /\b(you (have )?(won|been selected)|claim your (prize|reward|refund|gift)|tax refund|refund (is )?(pending|available|approved))/,
    /\b(voce (foi )?(ganhou|selecionad[oa])|resgate (seu|sua|os|ja)|restituicao|restituir|reembolso (disponivel|aprovado|pendente)|saldo (liberado|disponivel)|pontos (expiram|vencem|vao expirar|acumulados)|premio|sorteio|brinde)/,
    /\b(your )?(points|miles|rewards?) (will )?(expire|are expiring|expiring)/,
    // Brazil's central bank lists forgotten balances ("valores a receber"): the lure offers to pay them out.
    /\bvalores a receber\b/,
    /\b(troque|trocar|resgatar|canjee|canjear|echangez|einlosen|riscatta) (os |seus |suas |sus |vos |ihre |i tuoi )?(pontos|milhas|puntos|millas|points|punkte|punti)/,
    /\b(gift card|free gift|claim (now|today)|congratulations[!,]? you)/,
    /\b(ha ganado|reclame su premio|devolucion de impuestos|reembolso)/,
    /\b(vous avez gagne|remboursement (disponible|en attente)|reclamez votre)/,
    /\b(sie haben gewonnen|ruckerstattung|gewinn)/,
    /\b(hai vinto|rimborso (disponibile|in attesa))/,
  ],
  // Wallet drainers: an airdrop, a token allocation or staking to claim, a wallet to connect, verify or migrate, a
  // balance left unclaimed. The claim page asks the wallet to sign, or the victim to type the recovery phrase.
  wallet: [
    /\b(airdrop|(seed|recovery|secret|mnemonic) phrase|wallet (verification|sync|validation|upgrade|migration))/,
    /\b(claim|collect|withdraw) (your )?(free )?(share of (the )?)?(\d[\d,.]* )?(crypto|tokens|bitcoin|btc|eth|ether|usdt|nfts?|xrp|xlm|sol|op|arb)\b/,
    /\b(claim|register|submit|check) (for |to claim )?(your |the )?(token |xrp |crypto )?(allocation|airdrop|eligibility to claim)/,
    /\b(token|coin|crypto|community) (allocation|distribution|giveaway) (program|event|campaign)/,
    /\b(connect|link|sync|validate|verify|update|migrate|upgrade|secure) (your |a compatible |the )?(crypto |web3 |metamask |ledger |hardware )?wallet\b/,
    /\b(unclaimed|unreviewed|dormant) (balance|holdings|funds|assets|credits|tokens|rewards)\b/,
    /\bstak(e|ing) (your )?(xlm|xrp|eth|sol|ada|dot|tokens|assets|crypto)\b|\bstaking (has been )?(activated|rewards program)/,
    // Hardware-wallet lures: the app or device is "outdated", must be synchronised, or was "found in a data breach".
    /\b(ledger live|wallet|wallets)( application| app| software)? (is |are )?(outdated|out of date|not up to date)\b|\b(wallets|devices) that are not (yet )?(up to date|updated|verified|synchroni[sz]ed)/,
    /\b(synchroni[sz]e|re-?sync) (your |the )?(wallet|ledger|device|recovery phrase)|\bmanual (device |wallet )?update (is )?(required|mandatory)/,
    /\b(wallet|ledger|device) associated with your e-?mail( address)? (has been |was )?(found|identified|included)|\b(found|identified) (within|among) those affected by the (data )?breach/,
  ],
  urgency: [
    /\b(within|in the next) (24|48|72|12) ?(hours|hrs|h)\b/,
    /\b(immediately|urgent(ly)?|final (notice|warning|reminder)|last (warning|notice|chance)|action required|immediate action|act now)\b/,
    /\b(em ate|nas proximas|dentro de) (24|48|72) ?(horas|h)\b/,
    /\b(innerhalb (von )?|in den nachsten |sie haben )(24|48|72) stunden|\bdans les (24|48|72) ?(heures|h)\b|\bentro (24|48|72) ore\b|\bbinnen (24|48|72) uur\b|\ben las (proximas )?(24|48|72) horas/,
    /\b(handlung erforderlich|(jetzt|sofort) handeln|agissez (maintenant|immediatement)|actue (ahora|ya)|aja (agora|ja))\b/,
    /\b(imediatamente|urgente|ultimo aviso|acao necessaria|inmediatamente|ultimo aviso|accion requerida|immediatement|action requise|dernier avertissement|sofort|dringend|letzte (warnung|mahnung)|immediatamente|ultimo avviso|azione richiesta|onmiddellijk|dringend)\b/,
  ],
};

/** The lure themes a text plays on, each with the words that matched. */
export function lureThemes(foldedText: string): { theme: TLureTheme; matched: string }[] {
  const found: { theme: TLureTheme; matched: string }[] = [];
  for (const [theme, patterns] of Object.entries(themes) as [TLureTheme, RegExp[]][]) {
    for (const pattern of patterns) {
      const match = pattern.exec(foldedText);
      if (match) {
        found.push({ theme, matched: match[0].trim() });
        break;
      }
    }
  }
  return found;
}
