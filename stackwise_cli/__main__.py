import sys

from stackwise_cli.main import main

sys.exit(main())
