"""Switchboard room observer: follows unmodified LiveKit Agents sessions through the framework's
own remote-session protocol (topic ``lk.agent.session``) and turns their events into Switchboard
call events over the TCP event-bus bridge."""

__version__ = "0.1.0"
