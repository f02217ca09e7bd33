#!/usr/bin/env bash
# Drives the demo workflow "New client intake (demo)" through the HTTP API of a running Matterflow, as the demo
# users would: the lawyer approves the conflict check, the client signs and uploads a PDF, the payment provider
# confirms the retainer (through the payments webhook, when the server has one), the paralegal ticks the
# onboarding checklist. Then it prints the instance and the audit verification.
#
# Usage: scripts/demo.sh [base URL]        (default http://localhost:8080)
# Needs bash, curl and python3, and a server with the demo data (the embedded default seeds it).
#
# Environment:
#   MATTERFLOW_URL                       base URL (the argument wins)
#   MATTERFLOW_DEMO_PASSWORD             the demo users' password (default: demo)
#   MATTERFLOW_PAYMENTS_WEBHOOK_SECRET   the mock payment provider's webhook secret (default: the value of
#                                        matterflow.webhooks.secrets.payments.mock in this repository's
#                                        application.properties)
#   DEMO_SKIP_UNPAID=false               without a payments webhook, stop at the payment step instead of having the
#                                        admin skip it
set -euo pipefail

BASE="${1:-${MATTERFLOW_URL:-http://localhost:8080}}"
BASE="${BASE%/}"
PASSWORD="${MATTERFLOW_DEMO_PASSWORD:-demo}"
ADMIN=admin@demo.law
LAWYER=lawyer@demo.law
PARALEGAL=paralegal@demo.law
CLIENT=client@demo.law
TEMPLATE_NAME="New client intake (demo)"
MATTER_REFERENCE="2026-001"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in curl python3; do
    command -v "$tool" >/dev/null || { echo "demo.sh needs $tool" >&2; exit 2; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

say() { printf '\n== %s\n' "$*"; }
info() { printf '   %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

# json EXPR: evaluates a Python expression over the JSON on stdin, bound to d; prints strings and decimals bare
# (decimals exactly as sent: 1500.00 stays 1500.00), the rest as JSON.
json() {
    python3 -c '
import decimal, json, sys
d = json.load(sys.stdin, parse_float=decimal.Decimal)
v = eval(sys.argv[1], {"d": d, "json": json})
print(v if isinstance(v, (str, decimal.Decimal)) else json.dumps(v))' "$1"
}

# call USER METHOD PATH [curl args...]: the answer's body in $BODY, its status in $STATUS.
call() {
    local user="$1" method="$2" path="$3"
    shift 3
    local auth=()
    [ "$user" = "-" ] || auth=(-u "$user:$PASSWORD")
    STATUS=$(curl -sS -o "$WORK/body" -w '%{http_code}' -X "$method" "${auth[@]}" -H 'Accept: application/json' \
        "$@" "$BASE$path") || fail "$method $path: no answer from $BASE"
    BODY="$(cat "$WORK/body")"
}

# api USER METHOD PATH [JSON body]: like call, but a status of 400 or more stops the demo with the problem detail.
api() {
    local user="$1" method="$2" path="$3" body="${4:-}"
    if [ -n "$body" ]; then
        call "$user" "$method" "$path" -H 'Content-Type: application/json' --data "$body"
    else
        call "$user" "$method" "$path"
    fi
    if [ "$STATUS" -ge 400 ]; then
        fail "$method $path as $user answered $STATUS: $BODY"
    fi
}

step_state() { api "$LAWYER" GET "/api/workflows/steps/$1"; json 'd["actionState"]' <<<"$BODY"; }

say "Matterflow at $BASE"
call - GET /actuator/health
[ "$STATUS" = 200 ] || fail "$BASE/actuator/health answered $STATUS; is the server running?"
info "health: $(json 'd["status"]' <<<"$BODY")"

say "The demo template and matter"
query=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$TEMPLATE_NAME")
api "$LAWYER" GET "/api/workflows/templates?q=$query"
TEMPLATE_ID=$(json "next((t['id'] for t in d['items'] if t['name'] == '$TEMPLATE_NAME'), '')" <<<"$BODY")
[ -n "$TEMPLATE_ID" ] || fail "no template named \"$TEMPLATE_NAME\": does the server have the demo data?"
info "template: $TEMPLATE_NAME ($TEMPLATE_ID)"
api "$LAWYER" GET "/api/matters?size=100"
MATTER_ID=$(json "next((m['id'] for m in d['items'] if m['reference'] == '$MATTER_REFERENCE'), '')" <<<"$BODY")
[ -n "$MATTER_ID" ] || fail "no matter $MATTER_REFERENCE"
info "matter: $MATTER_REFERENCE ($MATTER_ID)"

say "The lawyer starts the intake"
TITLE="Demo intake $(date -u +%Y-%m-%dT%H:%M:%SZ)"
api "$LAWYER" POST "/api/workflows/templates/$TEMPLATE_ID/instantiate" \
    "$(python3 -c 'import json, sys; print(json.dumps({"matterId": sys.argv[1], "title": sys.argv[2]}))' "$MATTER_ID" "$TITLE")"
INSTANCE="$BODY"
INSTANCE_ID=$(json 'd["id"]' <<<"$INSTANCE")
info "instance: $TITLE ($INSTANCE_ID), $(json 'd["status"]' <<<"$INSTANCE")"
json '"\n".join("   %d. %-28s %-18s %s" % (s["order"] + 1, s["title"], s["actionType"], s["actionState"]) for s in d["steps"])' <<<"$INSTANCE"
step_of() { json "next(s['id'] for s in d['steps'] if s['actionType'] == '$1')" <<<"$INSTANCE"; }
APPROVAL=$(step_of APPROVAL_LAWYER)
SIGNATURE=$(step_of SIGNATURE_CLIENT)
DOCUMENT=$(step_of REQUEST_DOC_CLIENT)
PAYMENT=$(step_of PAYMENT_CLIENT)
CHECKLIST=$(step_of CHECKLIST)

say "1. The lawyer claims, starts and approves the conflict check"
api "$LAWYER" POST "/api/workflows/steps/$APPROVAL/claim"
info "claimed: assigned to $(json 'd["assignedToId"]' <<<"$BODY")"
api "$LAWYER" POST "/api/workflows/steps/$APPROVAL/start"
info "started: $(json 'd["actionState"]' <<<"$BODY")"
api "$LAWYER" POST "/api/workflows/steps/$APPROVAL/complete" '{"approved": true, "comment": "No conflict with Widget Co."}'
info "approved: $(json 'd["actionState"]' <<<"$BODY")"

say "2. The client signs the engagement letter"
api "$CLIENT" POST "/api/workflows/steps/$SIGNATURE/start"
SESSION=$(json 'd["actionData"]["signatureSessionId"]' <<<"$BODY")
info "signing session: $SESSION ($(json 'd["actionData"]["signingUrl"]' <<<"$BODY"))"
api "$CLIENT" POST "/api/workflows/steps/$SIGNATURE/complete" "{\"signatureSessionId\": \"$SESSION\"}"
info "signed: $(json 'd["actionState"]' <<<"$BODY")"

say "3. The client uploads proof of identity"
api "$CLIENT" POST "/api/workflows/steps/$DOCUMENT/start"
info "started: $(json 'd["actionState"]' <<<"$BODY")"
PDF="$WORK/passport.pdf"
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$PDF"
call "$CLIENT" POST "/api/workflows/steps/$DOCUMENT/documents" -F "file=@$PDF;type=application/pdf"
[ "$STATUS" = 201 ] || fail "upload answered $STATUS: $BODY"
DOCUMENT_ID=$(json 'd["id"]' <<<"$BODY")
info "uploaded: $(json 'd["name"]' <<<"$BODY"), $(json 'd["size"]' <<<"$BODY") bytes ($DOCUMENT_ID)"
api "$CLIENT" POST "/api/workflows/steps/$DOCUMENT/complete" "{\"documentIds\": [\"$DOCUMENT_ID\"]}"
info "submitted: $(json 'd["actionState"]' <<<"$BODY")"

say "4. The client pays the retainer; the payment provider confirms it"
api "$CLIENT" POST "/api/workflows/steps/$PAYMENT/start"
INTENT=$(json 'd["actionData"]["paymentIntentId"]' <<<"$BODY")
AMOUNT=$(json 'd["actionConfig"]["amount"]' <<<"$BODY")
CURRENCY=$(json 'd["actionConfig"]["currency"]' <<<"$BODY")
info "payment intent: $INTENT for $AMOUNT $CURRENCY"
# Is there a payments webhook? Unsigned, it answers 401 (or 400); without the route, 404.
call - POST /api/webhooks/payments/mock -H 'Content-Type: application/json' --data '{}'
if [ "$STATUS" = 404 ]; then
    info "This server has no payments webhook (POST /api/webhooks/payments/mock answers 404), so the payment"
    info "provider cannot confirm the payment, and a person may not declare a payment paid."
    if [ "${DEMO_SKIP_UNPAID:-true}" = false ]; then
        info "Stopping here (DEMO_SKIP_UNPAID=false): the payment step stays IN_PROGRESS."
        exit 0
    fi
    info "The admin skips the payment step instead, so that the demo can go on."
    api "$ADMIN" POST "/api/workflows/steps/$PAYMENT/skip" '{"reason": "demo.sh: no payments webhook on this server"}'
    info "payment: $(json 'd["actionState"]' <<<"$BODY") (skipped by the admin)"
else
    SECRET="${MATTERFLOW_PAYMENTS_WEBHOOK_SECRET:-}"
    if [ -z "$SECRET" ] && [ -f "$HERE/../src/main/resources/application.properties" ]; then
        SECRET=$(sed -n 's/^matterflow\.webhooks\.secrets\.payments\.mock=//p' "$HERE/../src/main/resources/application.properties")
    fi
    [ -n "$SECRET" ] || fail "the payments webhook needs its secret: set MATTERFLOW_PAYMENTS_WEBHOOK_SECRET"
    EVENT_ID="evt_demo_$(python3 -c 'import uuid; print(uuid.uuid4().hex[:12])')"
    EVENT="{\"id\": \"$EVENT_ID\", \"type\": \"payment.succeeded\", \"paymentIntentId\": \"$INTENT\", \"amount\": $AMOUNT, \"currency\": \"$CURRENCY\"}"
    T=$(date +%s)
    SIGNATURE_HEADER="t=$T,v1=$(python3 -c 'import hashlib, hmac, sys
print(hmac.new(sys.argv[1].encode(), (sys.argv[2] + "." + sys.argv[3]).encode(), hashlib.sha256).hexdigest())' \
        "$SECRET" "$T" "$EVENT")"
    call - POST /api/webhooks/payments/mock -H 'Content-Type: application/json' \
        -H "Matterflow-Signature: $SIGNATURE_HEADER" --data-binary "$EVENT"
    [ "$STATUS" -lt 400 ] || fail "the payments webhook answered $STATUS: $BODY"
    info "webhook: $STATUS $BODY"
    info "payment: $(step_state "$PAYMENT")"
fi

say "5. The paralegal ticks the onboarding checklist"
api "$PARALEGAL" GET "/api/workflows/steps/$CHECKLIST"
ITEMS=$(json 'd["actionConfig"].get("items", [])' <<<"$BODY")
info "state: $(json 'd["actionState"]' <<<"$BODY"); items: $ITEMS"
api "$PARALEGAL" POST "/api/workflows/steps/$CHECKLIST/complete" "{\"checked\": $ITEMS}"
info "checklist: $(json 'd["actionState"]' <<<"$BODY")"

say "The instance"
api "$LAWYER" GET "/api/workflows/instances/$INSTANCE_ID"
info "$(json 'd["title"]' <<<"$BODY"): $(json 'd["status"]' <<<"$BODY"), completed at $(json 'd["completedAt"]' <<<"$BODY")"
json '"\n".join("   %d. %-28s %-18s %s" % (s["order"] + 1, s["title"], s["actionType"], s["actionState"]) for s in d["steps"])' <<<"$BODY"
api "$LAWYER" GET "/api/workflows/instances/$INSTANCE_ID/audit"
info "audit trail: $(json 'len(d)' <<<"$BODY") events, from $(json 'd[0]["action"]' <<<"$BODY") to $(json 'd[-1]["action"]' <<<"$BODY")"

say "Audit verification (as the admin)"
api "$ADMIN" GET /api/audit/verify
info "$BODY"
VALID=$(json 'd["valid"]' <<<"$BODY")
[ "$VALID" = true ] || fail "the audit chains do not verify"
echo
echo "Done."
