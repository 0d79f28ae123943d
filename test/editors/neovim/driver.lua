-- Headless Neovim 0.7 driver for wsgi-goal's language server (test/editors/neovim.test.js).
-- Run as:  nvim --headless -n -i NONE --noplugin -u driver.lua
-- Environment (set by the test):
--   WSGI_GOAL_NODE           node binary            WSGI_GOAL_SERVER   path to dist/server.js
--   WSGI_GOAL_ROOT           the repo (a temp copy) WSGI_GOAL_OUT      where the JSON goes
--   WSGI_GOAL_WAIT_MS        deadline of each wait (default 20000)
--   WSGI_GOAL_MODE           "stock": vim.lsp.start_client with Neovim's own capabilities, then
--                            buf_attach_client; "docs": the user configuration given by
--                            WSGI_GOAL_NVIM_CONFIG (docs/editors/neovim.lua) is loaded with
--                            vim.g.wsgi_goal_cmd / vim.g.wsgi_goal_settings (WSGI_GOAL_SETTINGS,
--                            JSON) and starts and attaches the client itself when setup.cfg opens.
-- Everything goes through Neovim's own LSP client: vim.lsp.buf.range_code_action (whose picker,
-- vim.ui.select, is answered like a user would), the stock apply_action ->
-- client.request('workspace/executeCommand'), vim.lsp.buf.execute_command. What the server sends
-- is recorded by wrapping the client's handlers (the answers Neovim gives are unchanged).
-- It never sleeps for a fixed time: every wait is vim.wait(deadline, condition).
-- The JSON is always written, with `error` set when a step failed; then Neovim quits.

local uv = vim.loop
local t0 = uv.hrtime()
local function ms() return math.floor((uv.hrtime() - t0) / 1e6) end

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then return default end
  return v
end

local OUT = assert(env('WSGI_GOAL_OUT'), 'WSGI_GOAL_OUT is not set')
local ROOT = env('WSGI_GOAL_ROOT')
local NODE = env('WSGI_GOAL_NODE', 'node')
local SERVER = env('WSGI_GOAL_SERVER')
local WAIT_MS = tonumber(env('WSGI_GOAL_WAIT_MS', '20000'))
local MODE = env('WSGI_GOAL_MODE', 'stock')
local NVIM_CONFIG = env('WSGI_GOAL_NVIM_CONFIG')
local SETTINGS = env('WSGI_GOAL_SETTINGS')
local TITLE = 'Scaffold WSGI entry point for designate-api'

local R = {
  nvim = string.format('%d.%d.%d', vim.version().major, vim.version().minor, vim.version().patch),
  mode = MODE,
  steps = {},
  notifications = {},
  server_log = {},
  server_requests = {},
  show_document = { requests = {} },
}

local function step(name, extra)
  local s = { name = name, ms = ms() }
  if extra then s.detail = extra end
  table.insert(R.steps, s)
end

local function write_json()
  local f = assert(io.open(OUT, 'w'))
  f:write(vim.json.encode(R))
  f:close()
end

-- Waits for cond() with a deadline; a timeout is an error naming what was awaited.
local function wait_for(what, cond)
  local started = ms()
  if not vim.wait(WAIT_MS, cond, 25) then
    error(string.format('timed out after %d ms waiting for %s', WAIT_MS, what), 0)
  end
  step('waited: ' .. what, { ms = ms() - started })
end

local function read_file(p)
  local f = io.open(p, 'rb')
  if not f then return nil end
  local s = f:read('*a')
  f:close()
  return s
end

local function mtime(p)
  local st = uv.fs_stat(p)
  return st and (st.mtime.sec * 1e9 + st.mtime.nsec) or nil
end

-- Messages Neovim would show the user (errors of the code-action flow land here).
local notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(R.notifications, { ms = ms(), level = level, message = tostring(msg) })
  return notify(msg, level, opts)
end

local client_id
local exited = nil
local command_results = {}

local function diagnostics_of(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr, { namespace = vim.lsp.diagnostic.get_namespace(client_id) })) do
    table.insert(list, {
      code = d.code, line = d.lnum, col = d.col, end_line = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message,
    })
  end
  return list
end

local function has_code(bufnr, code)
  for _, d in ipairs(diagnostics_of(bufnr)) do
    if d.code == code then return true end
  end
  return false
end

local function main()
  assert(ROOT and SERVER, 'WSGI_GOAL_ROOT and WSGI_GOAL_SERVER must be set')
  local cfg_path = ROOT .. '/setup.cfg'
  local api_path = ROOT .. '/designate/wsgi/api.py'
  local init_path = ROOT .. '/designate/wsgi/__init__.py'

  local cfg_buf
  if MODE == 'docs' then
    -- As a user has it: the configuration file loaded at startup, then :edit.
    vim.g.wsgi_goal_cmd = { NODE, SERVER, '--stdio' }
    if SETTINGS then vim.g.wsgi_goal_settings = vim.json.decode(SETTINGS) end
    -- Which client the configuration starts (buf_get_clients lists it only once initialized,
    -- too late to see what the server sends during initialization).
    local start_client = vim.lsp.start_client
    vim.lsp.start_client = function(config)
      local id = start_client(config)
      client_id = client_id or id
      return id
    end
    dofile(assert(NVIM_CONFIG, 'WSGI_GOAL_NVIM_CONFIG is not set'))
    vim.cmd('edit ' .. vim.fn.fnameescape(cfg_path))
    cfg_buf = vim.api.nvim_get_current_buf()
    assert(client_id, 'opening setup.cfg started no client')
  else
    client_id = vim.lsp.start_client({
      name = 'wsgi-goal',
      cmd = { NODE, SERVER, '--stdio' },
      root_dir = ROOT,
      on_exit = function(code, signal) exited = { code = code, signal = signal } end,
    })
    assert(client_id, 'vim.lsp.start_client returned nil')
    vim.cmd('edit ' .. vim.fn.fnameescape(cfg_path))
    cfg_buf = vim.api.nvim_get_current_buf()
    assert(vim.lsp.buf_attach_client(cfg_buf, client_id), 'buf_attach_client failed')
  end
  step('client started and attached')
  local client = vim.lsp.get_client_by_id(client_id)
  if MODE == 'docs' then
    -- The user configuration has no on_exit; Neovim reads config.on_exit when the server exits.
    local theirs = client.config.on_exit
    client.config.on_exit = function(code, signal, id)
      exited = { code = code, signal = signal }
      if theirs then theirs(code, signal, id) end
    end
  end

  -- Record what the server sends, through the very handler table this client resolves from
  -- (client.handlers before vim.lsp.handlers). Neovim's answers are unchanged; a method with no
  -- handler gets MethodNotFound, as Neovim 0.7.2 answers it.
  local function record(method, sink)
    local own = client.handlers[method]
    client.handlers[method] = function(err, result, ctx, config)
      sink(err, result, ctx)
      local h = own or vim.lsp.handlers[method]
      if h then return h(err, result, ctx, config) end
      return nil, vim.lsp.rpc_response_error(vim.lsp.protocol.ErrorCodes.MethodNotFound)
    end
  end
  record('workspace/executeCommand', function(err, result)
    table.insert(command_results, { ms = ms(), err = err or vim.NIL, result = result == nil and vim.NIL or result })
  end)
  record('window/logMessage', function(_, result) table.insert(R.server_log, result.message) end)
  record('window/showDocument', function(_, result) table.insert(R.show_document.requests, result) end)
  for _, m in ipairs({ 'client/registerCapability', 'window/workDoneProgress/create', 'workspace/configuration', 'workspace/applyEdit' }) do
    record(m, function(_, result) table.insert(R.server_requests, { ms = ms(), method = m, params = result }) end)
  end

  -- What this Neovim tells the server (the server decides from it how to create files and watch).
  local caps = client.config.capabilities or vim.lsp.protocol.make_client_capabilities()
  R.client_capabilities = {
    showDocument = caps.window and caps.window.showDocument or vim.NIL,
    workspaceEdit = caps.workspace.workspaceEdit,
    didChangeWatchedFiles = caps.workspace.didChangeWatchedFiles or vim.NIL,
    configuration = caps.workspace.configuration or vim.NIL,
  }

  wait_for('initialize', function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end)
  R.server_capabilities = client.server_capabilities
  assert(vim.lsp.buf_get_clients(cfg_buf)[client_id], 'the client is not attached to setup.cfg')

  -- 1. The diagnostic on the console-script line.
  wait_for('WSGI101 on setup.cfg', function() return has_code(cfg_buf, 'WSGI101') end)
  R.diagnostics_before = diagnostics_of(cfg_buf)
  local diag
  for _, d in ipairs(vim.diagnostic.get(cfg_buf, { namespace = vim.lsp.diagnostic.get_namespace(client_id) })) do
    if d.code == 'WSGI101' then diag = d break end
  end

  -- 2. The code action, the way a user gets it: cursor on the diagnostic, range_code_action over
  --    the diagnostic's range (marks: 1-based rows, 0-based byte columns, end inclusive), the
  --    picker answered with the scaffold title.
  local picked = nil
  local offered = nil
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    local choice = nil
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(offered, { title = title, action = item[2] })
      if title == TITLE and choice == nil then choice = item end
    end
    picked = choice or false
    on_choice(choice)
  end
  vim.api.nvim_win_set_cursor(0, { diag.lnum + 1, diag.col })
  local end_col = math.max(diag.end_col - 1, 0)
  R.code_action_range = { start = { diag.lnum + 1, diag.col }, ['end'] = { diag.end_lnum + 1, end_col } }
  vim.lsp.buf.range_code_action(nil, { diag.lnum + 1, diag.col }, { diag.end_lnum + 1, end_col })
  wait_for('the code-action picker', function() return offered ~= nil end)
  R.code_actions = offered
  R.code_action_titles = vim.tbl_map(function(o) return o.title end, offered)
  if not picked then error('no code action titled "' .. TITLE .. '"', 0) end
  wait_for('the workspace/executeCommand answer', function() return #command_results >= 1 end)
  R.command_result = command_results[1]

  -- 3. The diagnostic is gone (the server re-analyses what it created).
  wait_for('WSGI101 gone from setup.cfg', function() return not has_code(cfg_buf, 'WSGI101') end)
  R.diagnostics_after = diagnostics_of(cfg_buf)

  -- 4. window/showDocument: asked for, and did it open the new module in a buffer?
  if R.client_capabilities.showDocument ~= vim.NIL and R.client_capabilities.showDocument.support then
    wait_for('window/showDocument', function() return #R.show_document.requests > 0 end)
  end
  local api_buf = vim.fn.bufnr(api_path)
  R.show_document.api_py_loaded = api_buf ~= -1 and vim.api.nvim_buf_is_loaded(api_buf)
  R.show_document.current_buffer = vim.api.nvim_buf_get_name(0)

  -- 5. :wall, with what was modified before it.
  local modified = {}
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.bo[b].modified then table.insert(modified, vim.api.nvim_buf_get_name(b)) end
  end
  R.modified_before_wall = modified
  vim.cmd('wall')
  step('wall')

  R.files = {}
  for _, p in ipairs({ init_path, api_path }) do
    R.files[p] = read_file(p) or vim.NIL
  end
  if api_buf ~= -1 and vim.api.nvim_buf_is_loaded(api_buf) then
    R.show_document.api_py_buffer_text = table.concat(vim.api.nvim_buf_get_lines(api_buf, 0, -1, false), '\n')
  end

  -- 6. Once fixed, no quick fix is offered on that line any more.
  vim.api.nvim_set_current_buf(cfg_buf)
  local params = vim.lsp.util.make_given_range_params({ diag.lnum + 1, diag.col }, { diag.end_lnum + 1, end_col })
  params.context = { diagnostics = {} }
  local after = vim.lsp.buf_request_sync(cfg_buf, 'textDocument/codeAction', params, WAIT_MS)
  local titles_after = {}
  for _, res in pairs(after or {}) do
    for _, a in ipairs(res.result or {}) do table.insert(titles_after, a.title) end
  end
  R.code_action_titles_after = titles_after

  -- 7. The same command again, as :lua vim.lsp.buf.execute_command(...) would send it.
  local cmd = picked[2].command
  R.rerun = { before = read_file(api_path) or vim.NIL, mtime_before = mtime(api_path) or vim.NIL }
  vim.lsp.buf.execute_command({ command = cmd.command, arguments = cmd.arguments })
  wait_for('the second workspace/executeCommand answer', function() return #command_results >= 2 end)
  R.rerun.result = command_results[2]
  R.rerun.after = read_file(api_path) or vim.NIL
  R.rerun.mtime_after = mtime(api_path) or vim.NIL

  -- 8. Neovim 0.7 sends no workspace/didChangeWatchedFiles: the server watches the folders itself.
  --    Deleting the module behind both of their backs must bring the diagnostic back. Where it is
  --    open (shown by window/showDocument), its buffer is the file as the user sees it: the module is
  --    gone once that buffer is closed too.
  local before_delete = diagnostics_of(cfg_buf)
  local open_api = vim.fn.bufnr(api_path)
  local t_rm = ms()
  assert(os.remove(api_path))
  if open_api ~= -1 then vim.api.nvim_buf_delete(open_api, { force = true }) end
  wait_for('WSGI101 back after api.py is deleted on disk', function() return has_code(cfg_buf, 'WSGI101') end)
  R.watch = { before_delete = before_delete, ms = ms() - t_rm, diagnostics = diagnostics_of(cfg_buf), closed_buffer = open_api ~= -1 }
end

local ok, err = xpcall(main, debug.traceback)
if not ok then R.error = tostring(err) end

-- Shut the server down the polite way and see it exit.
if client_id then
  vim.lsp.stop_client(client_id)
  vim.wait(WAIT_MS, function() return exited ~= nil end, 25)
  R.server_exit = exited or vim.NIL
end
R.total_ms = ms()
write_json()
vim.cmd('qall!')
