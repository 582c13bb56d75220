class Registry:
    """Name → class; `register_module()` is a class decorator."""

    def __init__(self, name):
        self.name = name
        self.modules = {}

    def register_module(self, name=None):
        def register(cls):
            self.modules[name or cls.__name__] = cls
            return cls

        return register

    def get(self, name):
        return self.modules.get(name)


BACKBONES = Registry('backbone')
