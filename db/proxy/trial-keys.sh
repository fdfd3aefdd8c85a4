#!/usr/bin/env bash
# Token keys for the compose trial (db/compose.yaml), so that both chat instances trust the same tokens.
# Runs in the "keys" service (the postgres:16 image, for its openssl); the keys live in the jwt-keys volume.
#
#   trial-keys.sh init               make jwt-private.pem / jwt-public.pem unless they exist (compose runs this)
#   trial-keys.sh mint USER [NAME]   print a token (RS256) for USER, signed with jwt-private.pem
#   trial-keys.sh public             print jwt-public.pem
#
# From db/:  docker compose run --rm -T keys mint alice "Alice"
# Environment: KEYS_DIR (/keys), TOKEN_ISSUER (chat-trial), TOKEN_AUDIENCE (chat), TOKEN_TTL (seconds, 43200).
# For trials only: anyone who can run this can sign in as anybody. Production tokens come from your identity
# provider (see docs/deployment.md).
set -euo pipefail

dir=${KEYS_DIR:-/keys}
issuer=${TOKEN_ISSUER:-chat-trial}
audience=${TOKEN_AUDIENCE:-chat}
ttl=${TOKEN_TTL:-43200}
private="$dir/jwt-private.pem"
public="$dir/jwt-public.pem"

die() {
  echo "trial-keys: $*" >&2
  exit 1
}

init() {
  if [ -s "$private" ] && [ -s "$public" ]; then
    echo "trial-keys: keys already in $dir" >&2
    return
  fi
  umask 077
  openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$private.tmp"
  openssl pkey -in "$private.tmp" -pubout -out "$public.tmp"
  # the private key stays readable by root only; the chat instances (uid 10001) read the public key
  chmod 600 "$private.tmp"
  chmod 644 "$public.tmp"
  mv -f "$private.tmp" "$private"
  mv -f "$public.tmp" "$public"
  echo "trial-keys: new key pair in $dir" >&2
}

# base64url without padding, on one line
b64url() {
  openssl base64 -A | tr '+/' '-_' | tr -d '=\n'
}

# refuses control characters, which json() does not escape
printable() {
  case $1 in
    *[[:cntrl:]]*) die "no control characters, please: $(printf '%q' "$1")" ;;
  esac
}

# the text as the inside of a JSON string (checked by printable() first)
json() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '%s' "$s"
}

mint() {
  [ $# -ge 1 ] && [ $# -le 2 ] || die "usage: mint USER [NAME]"
  local user=$1 name=${2:-$1}
  [ -n "$user" ] && [ ${#user} -le 255 ] || die "USER must be 1 to 255 characters"
  [ -s "$private" ] || die "no $private: start the trial first (docker compose up -d)"
  [[ $ttl =~ ^[1-9][0-9]*$ ]] || die "TOKEN_TTL must be a number of seconds, not $ttl"
  printable "$user"
  printable "$name"
  printable "$issuer"
  printable "$audience"
  local now exp header payload signature
  now=$(date +%s)
  exp=$((now + ttl))
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"%s","aud":"%s","sub":"%s","name":"%s","iat":%d,"exp":%d}' \
    "$(json "$issuer")" "$(json "$audience")" "$(json "$user")" "$(json "$name")" "$now" "$exp" | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$private" -binary | b64url)
  printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}

command=${1:-init}
[ $# -gt 0 ] && shift
case $command in
  init) init ;;
  mint) mint "$@" ;;
  public) cat "$public" ;;
  *) die "unknown command $command (init, mint USER [NAME], public)" ;;
esac
