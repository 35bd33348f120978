#!/bin/sh
# One image, two services of docker-compose.yml's `mail` profile: `postfix` or `dovecot`. The mailboxes are
# MAIL_MAILBOXES (comma-separated) and MAIL_JOURNAL_MAILBOX; as in the mail sandbox, each one's password is its own
# address.
set -eu
mailboxes=$(printf '%s,%s' "${MAIL_MAILBOXES:?set MAIL_MAILBOXES to the organisation's addresses, comma-separated}" "${MAIL_JOURNAL_MAILBOX:-}" \
  | tr ',' '\n' | tr 'A-Z' 'a-z' | sed '/^ *$/d' | sort -u)

case "${1:-}" in
postfix)
  printf '%s OK\n' $mailboxes > /etc/postfix/mailboxes
  printf '%s\n' $mailboxes | sed 's/.*@//' | sort -u | sed 's/$/ OK/' > /etc/postfix/domains
  postmap /etc/postfix/mailboxes /etc/postfix/domains
  postconf -e "always_bcc = ${MAIL_JOURNAL_MAILBOX:-}"
  mkdir -p /var/log/mail
  exec postfix start-fg
  ;;
dovecot)
  for address in $mailboxes; do
    printf '%s:{PLAIN}%s:65534:65534::/var/vmail/%s/%s\n' "$address" "$address" "${address#*@}" "${address%@*}"
  done > /etc/dovecot/users
  printf '%s:{PLAIN}%s\n' "${MAIL_MASTER_USER:-breakwater}" "${MAIL_MASTER_PASSWORD:?set BREAKWATER_IMAP_MASTER_PASSWORD}" > /etc/dovecot/master-users
  printf 'doveadm_api_key = %s\n' "${DOVEADM_API_KEY:?set BREAKWATER_DOVEADM_API_KEY}" > /etc/dovecot/local.conf
  # Read by Dovecot's auth process, which runs as the dovecot user.
  chown root:dovecot /etc/dovecot/users /etc/dovecot/master-users /etc/dovecot/local.conf
  chmod 0640 /etc/dovecot/users /etc/dovecot/master-users /etc/dovecot/local.conf
  mkdir -p /var/vmail && chown nobody:nogroup /var/vmail
  exec dovecot -F
  ;;
*)
  echo "usage: mail-entrypoint postfix|dovecot" >&2
  exit 64
  ;;
esac
