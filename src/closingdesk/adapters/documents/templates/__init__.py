"""closingdesk's default Word templates (built by ``build_default_templates``)."""
