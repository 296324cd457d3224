"""Test data helpers shared by the accounts tests and others."""



PASSWORD = "Mat-khau-thu-2024"
