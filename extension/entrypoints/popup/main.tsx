import { render } from 'preact';
import { Popup } from '../../lib/ui/popup.tsx';
import '../../lib/ui/page.css';

render(<Popup />, document.getElementById('app')!);
