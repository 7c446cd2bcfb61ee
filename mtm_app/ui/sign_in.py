"""Signing in on a shared database: login and password before the window opens. A
single-user install has no users and never shows it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from mtm_app.store import Store
from mtm_app.store.errors import StoreError
from mtm_app.store.people import sign_in
from mtm_app.ui import colours


class SignInDialog(QDialog):
    """Accepted once the store knows who this is (store.access); the password is never kept."""

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Sign in — MTM Studio"))
        self.login = QLineEdit()
        self.login.setObjectName("sign_in_login")
        self.password = QLineEdit()
        self.password.setObjectName("sign_in_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setObjectName("sign_in_problem")
        self.problem.setStyleSheet(colours.text_style("error"))
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("This database is shared: sign in to work with your role's tasks.")))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _try(self) -> None:
        try:
            sign_in(self.store, self.login.text(), self.password.text())
        except StoreError:
            self.problem.setText(self.tr("The login or the password is wrong: type them again, or ask an "
                                         "administrator."))
            self.password.clear()
            self.password.setFocus()
            return
        self.password.clear()
        self.accept()
