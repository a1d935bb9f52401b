"""itsm.config_vars_get: which ITSM tool a customer uses, and where it is.

Returns only non-secret connection facts (tool, base_url, timeout); itsm_update reads
the credentials from the pack config itself so they never appear in results.
"""
import os

from st2common.runners.base_action import Action


class ConfigVarsGet(Action):
    def run(self, customer=None):
        config = self.config or {}
        customers = config.get("customers") or {}
        tool = customers.get(customer) or config.get("default_tool") or "servicenow"
        tools = config.get("tools") or {}
        if tool not in tools:
            raise ValueError("customer %r uses tool %r, which has no entry in the itsm pack config" % (customer, tool))
        service_url = os.environ.get("ITSM_SERVICE_URL") or config.get("service_url") or "http://127.0.0.1:8099"
        return {
            "customer": customer,
            "tool": tool,
            "base_url": service_url.rstrip("/") + tools[tool].get("path", "/" + tool),
            "timeout": config.get("timeout", 10),
        }
