"""The pure core: terms, money, the purchaser book, agreements, the checklist, the event chain.

Nothing here imports a framework, touches a file or reads the clock: values in, values out.
"""
