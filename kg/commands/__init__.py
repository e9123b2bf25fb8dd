"""One module per ``kg`` subcommand; ``kg.cli`` wires them into the group."""
