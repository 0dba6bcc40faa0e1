"""Helpers the tests share (not tests themselves): documents, profiles, queues, checkers."""
