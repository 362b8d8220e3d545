from rolint.cli import main

raise SystemExit(main())
