#!/bin/bash
# Terraform Enterprise node: creates TFE's first admin user from this node, through TFE on this node, never through the
# load balancer. HashiCorp's API takes the initial admin creation token (IACT) in the URL's query
# (POST /admin/initial-admin-user?token=...), and a load balancer's access logs record every URL: sent from here, the
# token reaches only this node's TFE. Run it in a Session Manager shell within TFE_IACT_TIME_LIMIT of TFE's first start:
#   sudo /usr/local/lib/tfe/tfe-initial-admin.sh USERNAME EMAIL < file-holding-the-password
# The password (10 characters or more, HashiCorp's rule) is read on stdin. Prints the API's answer, which holds the new
# admin's API token. No secret is on a command line: the token and the password reach curl through file descriptors.
set -euo pipefail

# shellcheck source=/dev/null # written by the user data
source /etc/tfe/node.conf

fail() {
  echo "tfe-initial-admin: FAILED: $*" >&2
  exit 1
}

[ "$#" -eq 2 ] || fail "usage: $0 USERNAME EMAIL < password (the password on stdin)"
username=$1
email=$2
password=""
IFS= read -r password || [ -n "$password" ] || fail "no password on stdin"
[ "${#password}" -ge 10 ] || fail "the password must be at least 10 characters long"

iact=$(docker exec "$CONTAINER_NAME" tfectl admin token) \
  || fail "cannot read the initial admin creation token (tfectl admin token): TFE_IACT_TIME_LIMIT may have passed since TFE's first start"
[ -n "$iact" ] || fail "tfectl admin token printed no token"

# The body and the URL come from the environment and a pipe, not the command line (which any local user can list).
body=$(TFE_ADMIN_USERNAME="$username" TFE_ADMIN_EMAIL="$email" TFE_ADMIN_PASSWORD="$password" jq --null-input --compact-output \
  '{username: env.TFE_ADMIN_USERNAME, email: env.TFE_ADMIN_EMAIL, password: env.TFE_ADMIN_PASSWORD}')
unset password
answer=$(curl --silent --show-error --fail --insecure --max-time 60 \
  --resolve "$TFE_HOSTNAME:443:127.0.0.1" --request POST --header 'Content-Type: application/json' --data-binary @- \
  --config <(printf 'url = "https://%s/admin/initial-admin-user?token=%s"\n' "$TFE_HOSTNAME" "$iact") <<<"$body") \
  || fail "TFE refused to create the initial admin (an admin may exist already, or the token has expired)"
unset iact body
jq --exit-status '.status == "created" and (.token | type == "string")' <<<"$answer" >/dev/null \
  || fail "TFE's answer holds no created admin and token"
printf '%s\n' "$answer"
