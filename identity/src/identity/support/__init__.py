"""Support requests («Αίτημα υποστήριξης»): the requester sees their own, helpdesk agents all and
move them through their states."""
