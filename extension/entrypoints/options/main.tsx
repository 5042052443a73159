import { render } from 'preact';
import { Options } from '../../lib/ui/options.tsx';
import '../../lib/ui/page.css';

render(<Options />, document.getElementById('app')!);
