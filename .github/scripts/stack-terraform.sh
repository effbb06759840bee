#!/usr/bin/env bash
# One synthesized stack through terraform, for the plan and apply workflows (docs/ci.md):
#   stack-terraform.sh plan  <stack>   init + plan -lock=false, writes $PG_OUT/plans/<stack>.{status,summary,note,txt,log}
#   stack-terraform.sh apply <stack>   init + plan + apply of that saved plan (state locked)
# Credentials: the caller's (configure-aws-credentials). A stack pinned (allowed_account_ids) to
# another account assumes the role ROLE_MAP ({"<account id>": "<role ARN>"}) names for it, or is
# skipped with the reason when there is none (plan) / fails (apply).
# The provider is what the stack's required_providers allows, installed by `terraform init` from the
# registry; a committed terraform-locks/<stack>.terraform.lock.hcl pins it exactly (-lockfile=readonly).
set -uo pipefail # no -e: every outcome is written down before the exit code says it
mode="$1"
stack="$2"
case "$mode" in plan | apply) ;; *) echo "::error::usage: stack-terraform.sh plan|apply <stack>"; exit 2 ;; esac
case "$stack" in *[!A-Za-z0-9._-]* | "" | .*) echo "::error::not a stack name: $stack"; exit 2 ;; esac

plans="$PG_OUT/plans"
dir="cdktf.out/stacks/$stack"
json="$dir/cdk.tf.json"
mkdir -p "$plans"
: > "$plans/$stack.note"
finish() { # status, summary, exit code
  echo "$1" > "$plans/$stack.status"
  echo "$2" > "$plans/$stack.summary"
  echo "$stack: $2"
  exit "$3"
}
[ -f "$json" ] || finish error "error: $json was not synthesized" 1

backend="$(jq -r '."//".metadata.backend // "unknown"' "$json")"
accounts="$(jq -r '[.provider.aws // [] | if type == "array" then .[] else . end
                   | (.allowed_account_ids // [])[]] | unique | join(",")' "$json")"
if [ "$backend" = "local" ]; then
  echo "local backend: CI has no state, so every resource shows as new" >> "$plans/$stack.note"
  [ "$mode" = "apply" ] && finish error "error: local backend; CI would apply into a state it then throws away (configure an S3 backend)" 1
fi

if ! caller_account="$(aws sts get-caller-identity --query Account --output text 2> "$plans/$stack.log")"; then
  finish error "error: no AWS identity after configure-aws-credentials" 1
fi
role_map="${ROLE_MAP:-}"
[ -n "$role_map" ] || role_map='{}'
if [ -n "$accounts" ] && [ "$accounts" != "$caller_account" ]; then
  target_role=""
  case "$accounts" in
    *,*) ;; # several accounts in one stack: no single role fits
    *) target_role="$(jq -r --arg a "$accounts" '.[$a] // empty' <<< "$role_map" 2> /dev/null || true)" ;;
  esac
  if [ -z "$target_role" ]; then
    code=0; [ "$mode" = "apply" ] && code=1
    case "$accounts" in
      *,*) finish skipped "skipped: providers span accounts $accounts; one role cannot serve them" "$code" ;;
      *) finish skipped "skipped: pinned to account $accounts, the role is in $caller_account; map it in the role map variable" "$code" ;;
    esac
  fi
  if ! creds="$(aws sts assume-role --role-arn "$target_role" --role-session-name "pullguard-$mode-$GITHUB_RUN_ID" \
        --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text 2>> "$plans/$stack.log")"; then
    finish error "error: could not assume $target_role" 1
  fi
  read -r key_id secret token <<< "$creds"
  echo "::add-mask::$secret"
  echo "::add-mask::$token"
  export AWS_ACCESS_KEY_ID="$key_id" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token"
fi

lockfile=()
lock="terraform-locks/$stack.terraform.lock.hcl"
if [ -f "$lock" ]; then cp "$lock" "$dir/.terraform.lock.hcl"; lockfile=(-lockfile=readonly); fi

cd "$dir" || finish error "error: no directory $dir" 1
terraform init -input=false -no-color "${lockfile[@]}" >> "$plans/$stack.log" 2>&1 || finish error "error: terraform init failed (see details)" 1
lock_flag=-lock=false; [ "$mode" = "apply" ] && lock_flag=-lock=true
terraform plan -input=false -no-color "$lock_flag" -out=tfplan >> "$plans/$stack.log" 2>&1 || finish error "error: terraform plan failed (see details)" 1
terraform show -no-color tfplan > "$plans/$stack.txt" 2>> "$plans/$stack.log" || finish error "error: terraform show failed (see details)" 1
line="$(grep -m1 -E '^(Plan: |No changes\.|Changes to Outputs:)' "$plans/$stack.txt" || true)"
case "$line" in
  "Plan: "*) status=changes; summary="$line" ;;
  "No changes."*) status=nochanges; summary="No changes." ;;
  "Changes to Outputs:"*) status=changes; summary="Changes to outputs only." ;;
  *) status=changes; summary="(no summary line found)" ;;
esac
if [ "$mode" = "apply" ]; then
  terraform apply -input=false -no-color tfplan >> "$plans/$stack.log" 2>&1 || finish error "error: terraform apply failed after: $summary" 1
  summary="applied: $summary"
fi
finish "$status" "$summary" 0
