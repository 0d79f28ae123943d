-- wsgi-goal language server for Neovim 0.7 and later (tested with Debian's Neovim 0.7.2: this very
-- file is loaded by test/editors/neovim.test.js, see the README, "Other editors").
--
-- Put it in ~/.config/nvim/plugin/wsgi-goal.lua, or paste it into init.lua.
-- Needs `wsgi-goal-language-server` on PATH (`npm install -g wsgi-goal-0.1.0.tgz`), or set
--   vim.g.wsgi_goal_cmd = { 'node', '/path/to/wsgi-goal/dist/server.js', '--stdio' }
-- before this file runs. vim.g.wsgi_goal_settings replaces the settings below the same way.
--
-- Use: open setup.cfg of an OpenStack repo; diagnostics appear on their own. On a WSGI101 line,
-- :lua vim.lsp.buf.code_action()  and pick "Scaffold WSGI entry point for <service>": the server
-- writes <pkg>/wsgi/__init__.py and <pkg>/wsgi/<module>.py itself (never over an existing file)
-- and asks Neovim to open the new module.
--
-- Neovim 0.10+ (untested here: Debian 12 packages 0.7.2 only): vim.lsp.start() replaces
-- start_client + buf_attach_client (it reuses a running client with the same name and root_dir),
-- vim.fs.root() finds the root, and the 0.7 additions below are not needed (0.8+ handles
-- window/showDocument, and current versions advertise workspace/configuration):
--   vim.api.nvim_create_autocmd('FileType', { pattern = { 'cfg', 'dosini', 'toml', 'python' },
--     callback = function(a) vim.lsp.start({ name = 'wsgi-goal', cmd = cmd,
--       root_dir = vim.fs.root(a.buf, markers), settings = settings }) end })
-- Neovim 0.11+: declare it once and enable it:
--   vim.lsp.config('wsgi_goal', { cmd = cmd, root_markers = markers, settings = settings,
--     filetypes = { 'cfg', 'dosini', 'toml', 'python', 'sh', 'conf', 'yaml', 'requirements' } })
--   vim.lsp.enable('wsgi_goal')

local cmd = vim.g.wsgi_goal_cmd or { 'wsgi-goal-language-server', '--stdio' }
local settings = vim.g.wsgi_goal_settings or {
  wsgiGoal = {
    devstackPath = '',   -- a devstack checkout; empty: one found in the workspace
    maxFiles = 20000,    -- 0: no limit
    severity = {},       -- e.g. { WSGI101 = 'warning', WSGI205 = 'off' }
  },
}
-- The folder a repo starts in: the nearest one up holding one of these.
local markers = { '.git', 'setup.cfg', 'pyproject.toml' }
-- The files the server reads (the same set the VS Code extension hands it).
local patterns = {
  'setup.cfg', 'pyproject.toml', 'requirements.txt', '*.py', '*.wsgi', '*.ini',
  '*/devstack/*', '.zuul.yaml', 'zuul.yaml', '*/zuul.d/*.yaml', 'local.conf', '*.local.conf', 'stackrc',
}

local function root_of(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  while true do
    for _, m in ipairs(markers) do
      if vim.loop.fs_stat(dir .. '/' .. m) then return dir end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then return nil end
    dir = parent
  end
end

local function capabilities()
  local caps = vim.lsp.protocol.make_client_capabilities()
  -- 0.7 answers workspace/configuration from `settings` but does not say so: say it.
  caps.workspace.configuration = true
  -- 0.7 cannot open a document for the server; 0.8+ can (vim.lsp.util.show_document).
  if vim.fn.has('nvim-0.8') == 0 then caps.window.showDocument = { support = true } end
  return caps
end

local handlers = {}
if vim.fn.has('nvim-0.8') == 0 then
  -- What 0.8's handler does: open the file, focus it unless told not to.
  handlers['window/showDocument'] = function(_, result)
    local bufnr = vim.fn.bufadd(vim.uri_to_fname(result.uri))
    vim.fn.bufload(bufnr)
    vim.bo[bufnr].buflisted = true
    if result.takeFocus ~= false then vim.api.nvim_set_current_buf(bufnr) end
    if result.selection then
      local s = result.selection.start
      pcall(vim.api.nvim_win_set_cursor, 0, { s.line + 1, s.character })
    end
    return { success = true }
  end
end

local clients = {} -- root -> client id
vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  group = vim.api.nvim_create_augroup('wsgi_goal', { clear = true }),
  pattern = patterns,
  callback = function(args)
    local root = root_of(vim.api.nvim_buf_get_name(args.buf))
    if not root then return end
    local id = clients[root]
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client({
        name = 'wsgi-goal',
        cmd = cmd,
        root_dir = root,
        settings = settings,
        capabilities = capabilities(),
        handlers = handlers,
      })
      clients[root] = id
    end
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})
