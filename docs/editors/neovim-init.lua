-- Minimal init.lua for trying `rolint lsp` in Neovim: the README recipe ("Editor integration"),
-- with the command taken from $ROLINT_CMD (default: `rolint` on PATH).
-- $ROLINT_NVIM_STYLE=config uses the Neovim 0.11+ variant (vim.lsp.config + vim.lsp.enable);
-- otherwise the 0.10+ one (FileType autocmd + vim.lsp.start). Used by neovim-check.sh.
vim.cmd("filetype plugin on")

local rolint = vim.env.ROLINT_CMD or "rolint"

if vim.env.ROLINT_NVIM_STYLE == "config" then
  vim.lsp.config("rolint", {
    cmd = { rolint, "lsp" },
    filetypes = { "markdown", "text", "html" },
    root_markers = { "rolint.toml", ".rolint.toml", "pyproject.toml", ".git" },
  })
  vim.lsp.enable("rolint")
else
  vim.api.nvim_create_autocmd("FileType", {
    pattern = { "markdown", "text", "html" },
    callback = function(args)
      vim.lsp.start({
        name = "rolint",
        cmd = { rolint, "lsp" },
        root_dir = vim.fs.root(args.buf, { "rolint.toml", ".rolint.toml", "pyproject.toml", ".git" }),
      })
    end,
  })
end
