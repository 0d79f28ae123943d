;;; wsgi-goal.el --- the wsgi-goal language server in Emacs with eglot  -*- lexical-binding: t -*-

;; Tested with Debian's emacs-nox 28.2 and elpa-eglot 1.9: test/editors/eglot.test.js loads this
;; very file (see the README, "Other editors"). Emacs 29+ ships eglot; the same lines apply.
;;
;; Put it in your init file, or (load "/path/to/wsgi-goal.el").
;; Needs `wsgi-goal-language-server' on PATH (npm install -g wsgi-goal-0.1.0.tgz); otherwise set
;;   (setq wsgi-goal-server-command '("node" "/path/to/wsgi-goal/dist/server.js" "--stdio"))
;; before loading this file.
;;
;; Use: open setup.cfg of an OpenStack repo: eglot starts (the hook below; or M-x eglot).
;; Flymake shows the findings; on a WSGI101 line, M-x eglot-code-actions offers
;; "Scaffold WSGI entry point for <service>" (the default: RET); the server writes
;; <pkg>/wsgi/__init__.py and <pkg>/wsgi/<module>.py itself, never over an existing file.

(require 'eglot)

(defvar wsgi-goal-server-command '("wsgi-goal-language-server" "--stdio")
  "How to start the wsgi-goal language server.")

;; setup.cfg, *.ini and local.conf open in conf-unix-mode, pyproject.toml in conf-toml-mode.
;; eglot (1.9 and 29's) runs one server per major mode: add python-mode or sh-mode here only
;; if no other language server handles them for you. The server reads the whole repo from
;; disk either way; only the files of these modes show its diagnostics.
(add-to-list 'eglot-server-programs
             `((conf-unix-mode conf-toml-mode) . ,wsgi-goal-server-command))

;; Settings (section wsgiGoal), sent when the server asks (workspace/configuration). Per project,
;; prefer a .dir-locals.el at the repo root:
;;   ((nil . ((eglot-workspace-configuration
;;             . (:wsgiGoal (:devstackPath "~/src/devstack" :severity (:WSGI101 "warning"))))))))
(setq-default eglot-workspace-configuration
              '(:wsgiGoal (:devstackPath "" :maxFiles 20000)))

;; Start it on its own, but only in Python projects: conf-unix-mode is also every other .ini
;; and .conf file. eglot's project is the VC (git) root, else the file's own folder.
(defun wsgi-goal-maybe-eglot ()
  "Start eglot in a file below a folder holding setup.cfg or pyproject.toml."
  (when (and buffer-file-name
             (or (locate-dominating-file buffer-file-name "setup.cfg")
                 (locate-dominating-file buffer-file-name "pyproject.toml")))
    (eglot-ensure)))
(add-hook 'conf-unix-mode-hook #'wsgi-goal-maybe-eglot)
(add-hook 'conf-toml-mode-hook #'wsgi-goal-maybe-eglot)

;;; wsgi-goal.el ends here
