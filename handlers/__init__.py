"""Telegram adapters: one package per feature; they parse, call a service, render and reply."""
