import { render } from 'preact'; render(<p>Paper Radar</p>, document.getElementById('app')!);
