"""Test data helpers shared by the files tests and others."""



PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
