# Test-only patches for two packaging bugs of Debian's azure-cli 2.45 that crash commands before any request is sent.
# Loaded by Python at start-up because the interop runner puts this folder first on PYTHONPATH for az only.
#
# 1. Azure/azure-cli #23933, #24959: role commands read `client.config.subscription_id`, but the packaged
#    azure-mgmt-authorization operations and clients keep it in `_config` (AttributeError: ... no attribute 'config').
#    Fix: classes in azure.mgmt.authorization modules get a read-only `config` property returning `_config`.
# 2. Azure/azure-cli #26830, #24745: the `latest` profile names network 2022-01-01, which the packaged azure-mgmt-network
#    lacks, so the network module's argument loader gets None for its models ('NoneType' ... 'standard_medium').
#    Fix: azure.mgmt.network.v2022_01_01[.*] resolve to the nearest shipped later version's modules. The commands used
#    here (vnet show, vnet peering list) are generated AAZ commands that send api-version 2022-01-01 themselves.
import importlib
import importlib.abc
import importlib.util
import sys

_AUTHORIZATION = "azure.mgmt.authorization"
_NETWORK_MISSING = "azure.mgmt.network.v2022_01_01"
_NETWORK_SHIPPED = "azure.mgmt.network.v2022_07_01"


def _add_config_property(module):
    for value in list(vars(module).values()):
        if isinstance(value, type) and value.__module__ == module.__name__ and not hasattr(value, "config"):
            value.config = property(lambda self: self._config)


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, inner, after):
        self._inner = inner
        self._after = after

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module):
        self._inner.exec_module(module)
        self._after(module)


class _AliasLoader(importlib.abc.Loader):
    """Binds the requested name to an already shipped module (importlib keeps what exec_module leaves in sys.modules)."""

    def __init__(self, target):
        self._target = target

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        sys.modules[module.__name__] = importlib.import_module(self._target)


class _AzureCliPackagingFixes(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname == _NETWORK_MISSING or fullname.startswith(_NETWORK_MISSING + "."):
            alias = _NETWORK_SHIPPED + fullname[len(_NETWORK_MISSING):]
            return importlib.util.spec_from_loader(fullname, _AliasLoader(alias))
        if fullname == _AUTHORIZATION or fullname.startswith(_AUTHORIZATION + "."):
            spec = self._find_elsewhere(fullname, path, target)
            if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = _PatchingLoader(spec.loader, _add_config_property)
            return spec
        return None

    def _find_elsewhere(self, fullname, path, target):
        for finder in sys.meta_path:
            if finder is not self and hasattr(finder, "find_spec"):
                spec = finder.find_spec(fullname, path, target)
                if spec is not None:
                    return spec
        return None


sys.meta_path.insert(0, _AzureCliPackagingFixes())

# Keep the distribution's own start-up hook, which this file shadows.
try:
    import apport_python_hook
except ImportError:
    pass
else:
    apport_python_hook.install()
